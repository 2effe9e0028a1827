import time
from multiprocessing import Process
from threading import Thread


def count_down(n):
    while n > 0:
        n -= 1


def timed(make_worker):
    workers = [make_worker(target=count_down, args=(120000,)) for _ in range(4)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t0


if __name__ == "__main__":
    t0 = time.perf_counter()
    for _ in range(4):
        count_down(120000)
    serial = time.perf_counter() - t0

    threads = timed(Thread)
    processes = timed(Process)
    print(f"serial:    {serial:.3f} s")
    print(f"threads:   {threads:.3f} s")
    print(f"processes: {processes:.3f} s")
