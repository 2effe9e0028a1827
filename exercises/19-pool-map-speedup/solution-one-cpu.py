import time
from multiprocessing import Pool


def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


if __name__ == "__main__":
    jobs = [60000] * 8

    t0 = time.perf_counter()
    serial = [work(n) for n in jobs]  # one after another, in this process
    t1 = time.perf_counter()
    with Pool(4) as pool:
        parallel = pool.map(work, jobs)  # spread over 4 worker processes
    t2 = time.perf_counter()

    print("same results:", serial == parallel)
    print(f"serial: {t1 - t0:.3f} s")
    print(f"pool:   {t2 - t1:.3f} s")
    print(f"speedup: {(t1 - t0) / (t2 - t1):.1f}x")
