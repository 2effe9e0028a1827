# Starting N processes and keeping them in a list, then joining them: a list only the starting
# function holds, then a global one. Each child is a copy of its parent; under CPython's fork
# that copy costs the same whatever the parent holds. Prints "local MS" and "global MS".
import time
from multiprocessing import Process

N = 800
kept = []


def child(i):
    pass


def start_and_join(ps):
    for i in range(N):
        p = Process(target=child, args=(i,))
        p.start()
        ps.append(p)
    for p in ps:
        p.join()


def main():
    for name, ps in (("local", []), ("global", kept)):
        t = time.perf_counter()
        start_and_join(ps)
        print(name, round((time.perf_counter() - t) * 1000))


if __name__ == "__main__":
    main()
