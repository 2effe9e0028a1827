# checks: a child's getppid() equals the parent's getpid(); p.pid equals the child's getpid(); values masked
# mode: normalized
import os
from multiprocessing import Process, Queue

def report(q, parent_pid):
    print("child pid", os.getpid(), "ppid", os.getppid())
    q.put((os.getpid(), os.getppid() == parent_pid))

if __name__ == "__main__":
    q = Queue()
    p = Process(target=report, args=(q, os.getpid()))
    print("pid before start:", p.pid)
    p.start()
    child_pid, ppid_ok = q.get()
    p.join()
    print("parent pid", os.getpid())
    print("p.pid matches child:", p.pid == child_pid, "| ppid is parent:", ppid_ok, "| differs from parent:", p.pid != os.getpid())
