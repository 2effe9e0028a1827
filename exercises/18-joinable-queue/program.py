import time
from multiprocessing import JoinableQueue, Process


def worker(q):
    while True:  # a daemon: it will be stopped when main ends
        job = q.get()
        time.sleep(0.05)
        print(f"worker finished job {job}")
        q.task_done()  # "this one item is completely handled"


if __name__ == "__main__":
    q = JoinableQueue()
    w = Process(target=worker, args=(q,), daemon=True)
    w.start()
    for job in range(4):
        q.put(job)
    q.join()  # blocks until task_done() was called once per item put
    print("main: all jobs are done")
