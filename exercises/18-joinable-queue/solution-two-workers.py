import os
import time
from multiprocessing import JoinableQueue, Process


def worker(q):
    while True:
        job = q.get()
        time.sleep(0.05)
        print(f"worker {os.getpid()} finished job {job}")
        q.task_done()


if __name__ == "__main__":
    q = JoinableQueue()
    workers = [Process(target=worker, args=(q,), daemon=True) for _ in range(2)]
    for w in workers:
        w.start()
    for job in range(6):
        q.put(job)
    q.join()
    print("main: all jobs are done")
