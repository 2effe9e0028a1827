import time
from multiprocessing import Process


def worker(n, seconds):
    time.sleep(seconds)
    print(f"worker {n} finished after {seconds:.1f} s")


if __name__ == "__main__":
    # Still all at the same time, but now the first started has the least to do.
    durations = [0.1, 0.2, 0.3, 0.4]
    procs = []
    for n, seconds in enumerate(durations):
        p = Process(target=worker, args=(n, seconds))
        p.start()
        print(f"started worker {n}")
        procs.append(p)
    for p in procs:
        p.join()
    print("main: everyone has finished")
