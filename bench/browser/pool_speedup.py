# Pool(k).map and ProcessPoolExecutor(k).map of a CPU-bound function over 8 equal tasks, against
# the same 8 calls in one process. Prints "serial MS", then "pool K MS" and "executor K MS" for
# k = 1, 2 (the pool's start and shutdown included).
# N (the work per task) is set by bench/parallel.mjs: proclab's interpreter is slower than CPython.
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool

N = 20000
TASKS = 8


def work(n):
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


if __name__ == "__main__":
    t = time.perf_counter()
    expected = [work(N) for _ in range(TASKS)]
    print(f"serial {(time.perf_counter() - t) * 1000:.1f}")
    for k in (1, 2):
        t = time.perf_counter()
        with Pool(k) as pool:
            got = pool.map(work, [N] * TASKS)
        ms = (time.perf_counter() - t) * 1000
        assert got == expected
        print(f"pool {k} {ms:.1f}")
    for k in (1, 2):
        t = time.perf_counter()
        with ProcessPoolExecutor(k) as ex:
            got = list(ex.map(work, [N] * TASKS))
        ms = (time.perf_counter() - t) * 1000
        assert got == expected
        print(f"executor {k} {ms:.1f}")
