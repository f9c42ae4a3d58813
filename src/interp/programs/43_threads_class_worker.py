# threading: class-based workers (bound method as target), per-worker state, shared Lock-protected aggregator.
import threading
class Aggregator:
    def __init__(self):
        self.lock = threading.Lock()
        self.totals = {}
        self.finished = 0
    def add(self, key, value):
        with self.lock:
            self.totals[key] = self.totals.get(key, 0) + value
    def done(self):
        self.lock.acquire()
        self.finished += 1
        self.lock.release()
class Worker:
    def __init__(self, wid, jobs, agg):
        self.wid = wid
        self.jobs = jobs
        self.agg = agg
        self.processed = 0
        self.local = []
        self.thread = threading.Thread(target=self.run)
    def start(self):
        self.thread.start()
        return self
    def join(self):
        self.thread.join()
        return self
    def run(self):
        for job in self.jobs:
            result = self.process(job)
            self.local.append(result)
            self.processed += 1
            self.agg.add(job % 3, result)
        self.agg.done()
    def process(self, job):
        return job * job
class CubeWorker(Worker):
    def process(self, job):
        return super().process(job) * job
agg = Aggregator()
workers = []
for w in range(4):
    jobs = list(range(w * 10, w * 10 + 10))
    cls = CubeWorker if w % 2 else Worker
    workers.append(cls(w, jobs, agg))
for w in workers:
    w.start()
for w in workers:
    w.join()
for w in workers:
    print(w.wid, w.processed, sum(w.local), w.local[:3], isinstance(w, CubeWorker))
print(sorted(agg.totals.items()), agg.finished)
class Pool:
    def __init__(self, size, fn):
        self.size = size
        self.fn = fn
        self.results = {}
        self.lock = threading.Lock()
    def map(self, items):
        slices = [items[i::self.size] for i in range(self.size)]
        threads = [threading.Thread(target=self._run, args=(s,)) for s in slices]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return [self.results[x] for x in items]
    def _run(self, part):
        for x in part:
            r = self.fn(x)
            with self.lock:
                self.results[x] = r
def digits_sum(n):
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s
pool = Pool(3, digits_sum)
print(pool.map([123, 4567, 89, 1000000, 999, 0, 31415926]))
print(Pool(5, lambda v: v * 2 + 1).map(list(range(12))))
class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()
    def incr(self, n):
        for _ in range(n):
            with self.lock:
                self.value += 1
        return self
c = Counter()
ts = [threading.Thread(target=c.incr, args=(1000,)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter value", c.value)
