import os
import time
from multiprocessing import Process


def crunch(label):
    # Pure computation: this process wants the CPU all the time.
    total = 0
    for i in range(150000):
        total += i % 7
    print(f"{label} (pid {os.getpid()}) finished, total = {total}")


if __name__ == "__main__":
    start = time.perf_counter()
    workers = [Process(target=crunch, args=(f"worker-{n}",)) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"4 workers took {time.perf_counter() - start:.3f} s")
