from multiprocessing import Process

# The same three jobs every time: A is long, B medium, C short.
WORK = {"A": 60000, "B": 30000, "C": 10000}


def job(name):
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
