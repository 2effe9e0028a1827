# checks: start all, then join in a second loop: children run concurrently (order fixed by staggered sleeps)
import time
from multiprocessing import Process

def work(n):
    time.sleep(0.1 * (3 - n))
    print(f"worker {n} done")

if __name__ == "__main__":
    procs = [Process(target=work, args=(i,)) for i in range(3)]
    for p in procs:
        p.start()
    print("all started")
    for p in procs:
        p.join()
    print("all joined", [p.exitcode for p in procs])
