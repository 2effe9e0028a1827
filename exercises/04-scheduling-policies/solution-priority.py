import os
from multiprocessing import Process

WORK = {"A": 60000, "B": 30000, "C": 10000}
# A larger niceness means a lower priority: the short job C is the most important.
NICE = {"A": 10, "B": 5, "C": 0}


def job(name):
    os.nice(NICE[name])
    n = 0
    for i in range(WORK[name]):
        n += 1
    print(f"{name} done after {n} steps")


if __name__ == "__main__":
    procs = [Process(target=job, args=(name,), name=name) for name in WORK]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("all jobs done")
