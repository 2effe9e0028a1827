# checks: JoinableQueue.join() returns once every item got task_done() from a daemon worker
from multiprocessing import Process, JoinableQueue

def worker(q):
    while True:
        item = q.get()
        print("processing", item)
        q.task_done()

if __name__ == "__main__":
    q = JoinableQueue()
    w = Process(target=worker, args=(q,), daemon=True)
    w.start()
    for item in ["x", "y", "z"]:
        q.put(item)
    q.join()
    print("all tasks done")
