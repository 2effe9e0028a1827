# Starting N processes and keeping them in a list, then joining them: the list a local of the
# function that starts them, then a global. Each child is a copy of its parent; under CPython's
# fork that copy costs the same whatever the parent holds. Prints "local MS" and "global MS".
import time
from multiprocessing import Process

N = 800
kept = []


def child(i):
    pass


def start_local():
    ps = []
    for i in range(N):
        p = Process(target=child, args=(i,))
        p.start()
        ps.append(p)
    for p in ps:
        p.join()


def start_global():
    for i in range(N):
        p = Process(target=child, args=(i,))
        p.start()
        kept.append(p)
    for p in kept:
        p.join()


if __name__ == "__main__":
    for name, f in (("local", start_local), ("global", start_global)):
        t = time.perf_counter()
        f()
        print(name, round((time.perf_counter() - t) * 1000))
