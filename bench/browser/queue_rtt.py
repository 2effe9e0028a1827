# Queue between two processes: put -> get round trip (parent puts, the child gets and puts it back
# on a second queue, the parent gets it), ROUNDS times; then ITEMS items one way as fast as the
# child can get them, until the child's acknowledgement of the last one.
# Prints "rtt MS" per round trip, then "oneway ITEMS MS".
import time
from multiprocessing import Process, Queue

ROUNDS = 100
ITEMS = 2000


def echo(inq, outq):
    while True:
        x = inq.get()
        if x is None:
            break
        outq.put(x)


def sink(inq, outq):
    n = 0
    while inq.get() is not None:
        n += 1
    outq.put(n)


if __name__ == "__main__":
    a, b = Queue(), Queue()
    p = Process(target=echo, args=(a, b))
    p.start()
    a.put(-1)
    b.get()  # the child is up and running
    for i in range(ROUNDS):
        t = time.perf_counter()
        a.put(i)
        b.get()
        print(f"rtt {(time.perf_counter() - t) * 1000:.3f}")
    a.put(None)
    p.join()
    p = Process(target=sink, args=(a, b))
    p.start()
    t = time.perf_counter()
    for i in range(ITEMS):
        a.put(i)
    a.put(None)
    n = b.get()
    print(f"oneway {n} {(time.perf_counter() - t) * 1000:.1f}")
    p.join()
