# Cross-thread hand-off: objects created on one thread are dropped on another (biased RC's worst case)
# Scenario: producer/consumer pipelines. Thread tid stores fresh objects into its partner's slot (tid ^ 1) of
# a shared slot list and takes and drops whatever its partner left in its own slot, so most objects are
# allocated by one thread and freed by another: with biased reference counting every such object goes
# through the shared (slow) count and a merge. With an odd thread count the last thread's partner does not
# exist and its objects die at home (T=1: no hand-off at all, only the shared list writes).
# iters: 800000
SLOTS = []


class Message:
    def __init__(self, seq, sender):
        self.seq = seq
        self.sender = sender
        self.payload = [seq, sender, seq + sender]


def setup():
    global SLOTS
    SLOTS = [None] * 256


def work(tid, n):
    slots = SLOTS
    mine = tid % 256
    partner = (tid ^ 1) % 256
    received = 0
    total = 0
    for i in range(n):
        slots[partner] = Message(i, tid)
        m = slots[mine]
        if m is not None:
            slots[mine] = None
            received += 1
            total += m.payload[2]
    return (n + received + total) % 1000003
