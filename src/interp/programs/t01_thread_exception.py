# Thread exception case: one thread's target raises an uncaught exception (reported on stderr by the threading
# machinery as "Exception in thread Thread-1 (boom):" plus a traceback); the main thread and other threads continue,
# and the exit status stays 0. stdout is deterministic because it is printed after all joins.
import threading
results = [None, None, None]
def boom(slot):
    results[slot] = "started"
    values = {"a": 1}
    return values["missing"]
def work(slot, n):
    total = 0
    for i in range(n):
        total += i * i
    results[slot] = total
t1 = threading.Thread(target=boom, args=(0,))
t1.start()
t1.join()
t2 = threading.Thread(target=work, args=(1, 100))
t3 = threading.Thread(target=work, args=(2, 1000))
t2.start()
t3.start()
t2.join()
t3.join()
print("results:", results)
print("main thread finished normally")
