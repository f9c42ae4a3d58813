# threading: concurrent transfers between accounts under `with lock:`, invariant checks, deterministic final state.
import threading
import time
class Bank:
    def __init__(self, n, initial):
        self.balances = [initial] * n
        self.lock = threading.Lock()
        self.transfers = 0
    def transfer(self, src, dst, amount):
        with self.lock:
            self.balances[src] -= amount
            self.balances[dst] += amount
            self.transfers += 1
    def total(self):
        with self.lock:
            return sum(self.balances)
bank = Bank(6, 1000)
snapshots_ok = [True]
def teller(tid, rounds):
    for r in range(rounds):
        src = (tid + r) % 6
        dst = (tid * 2 + r + 1) % 6
        if src == dst:
            dst = (dst + 1) % 6
        bank.transfer(src, dst, (tid + 1) * (r % 5 + 1))
        if r % 25 == 0:
            time.sleep(0)
def auditor(stop):
    while not stop[0]:
        if bank.total() != 6000:
            snapshots_ok[0] = False
        time.sleep(0)
stop = [False]
aud = threading.Thread(target=auditor, args=(stop,))
aud.start()
tellers = [threading.Thread(target=teller, args=(t, 200)) for t in range(5)]
for t in tellers:
    t.start()
for t in tellers:
    t.join()
stop[0] = True
aud.join()
print("balances", bank.balances)
print("total", bank.total(), "transfers", bank.transfers, "audits consistent", snapshots_ok[0])
# the same transfers sequentially give the same final state (addition commutes)
seq = Bank(6, 1000)
for tid in range(5):
    for r in range(200):
        src = (tid + r) % 6
        dst = (tid * 2 + r + 1) % 6
        if src == dst:
            dst = (dst + 1) % 6
        seq.transfer(src, dst, (tid + 1) * (r % 5 + 1))
print("matches sequential", seq.balances == bank.balances)
locks = [threading.Lock() for _ in range(3)]
cells = [0, 0, 0]
def ordered_two(a, b, n):
    first, second = (a, b) if a < b else (b, a)
    for _ in range(n):
        with locks[first]:
            with locks[second]:
                cells[a] += 1
                cells[b] -= 1
ws = [threading.Thread(target=ordered_two, args=(i % 3, (i + 1) % 3, 300)) for i in range(6)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print("cells", cells, sum(cells))
