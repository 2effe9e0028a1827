import time
from multiprocessing import Process


def task(n):
    print(f"task {n} starts")
    time.sleep(0.3)
    print(f"task {n} ends")


if __name__ == "__main__":
    start = time.perf_counter()
    procs = []
    for n in range(3):
        p = Process(target=task, args=(n,))
        p.start()
        procs.append(p)
    for p in procs:  # start them all first, then wait for them all
        p.join()
    print(f"all done in {time.perf_counter() - start:.1f} s")
