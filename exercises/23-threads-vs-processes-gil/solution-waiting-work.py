import time
from multiprocessing import Process
from threading import Thread


def wait_for_io(seconds):
    time.sleep(seconds)  # like waiting for a disk or the network: no CPU needed


def timed(make_worker):
    workers = [make_worker(target=wait_for_io, args=(0.1,)) for _ in range(4)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t0


if __name__ == "__main__":
    t0 = time.perf_counter()
    for _ in range(4):
        wait_for_io(0.1)
    serial = time.perf_counter() - t0

    threads = timed(Thread)
    processes = timed(Process)
    print(f"serial:    {serial:.3f} s")
    print(f"threads:   {threads:.3f} s")
    print(f"processes: {processes:.3f} s")
