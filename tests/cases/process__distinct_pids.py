# checks: each child has its own pid, different from the parent's and from each other
import os
from multiprocessing import Process, Queue

def send_pid(q):
    q.put(os.getpid())

if __name__ == "__main__":
    q = Queue()
    procs = [Process(target=send_pid, args=(q,)) for _ in range(4)]
    for p in procs:
        p.start()
    pids = [q.get() for _ in procs]
    for p in procs:
        p.join()
    print("distinct child pids:", len(set(pids)))
    print("parent not among them:", os.getpid() not in pids)
    print("match Process.pid:", sorted(pids) == sorted(p.pid for p in procs))
