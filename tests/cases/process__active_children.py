# checks: multiprocessing.active_children() lists running children and is empty after joins
import time
from multiprocessing import Process, active_children

def nap(d):
    time.sleep(d)

if __name__ == "__main__":
    print("before:", active_children())
    procs = [Process(target=nap, args=(0.2,), name=f"napper-{i}") for i in range(3)]
    for p in procs:
        p.start()
    print("running:", sorted(c.name for c in active_children()))
    for p in procs:
        p.join()
    print("after join:", active_children())
