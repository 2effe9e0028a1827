# checks: a manual worker pool: task queue with one sentinel per worker, results queue, sorted results
from multiprocessing import Process, Queue

def worker(tasks, results):
    while True:
        n = tasks.get()
        if n is None:
            break
        results.put((n, n ** 3))

if __name__ == "__main__":
    tasks, results = Queue(), Queue()
    workers = [Process(target=worker, args=(tasks, results)) for _ in range(3)]
    for w in workers:
        w.start()
    for n in range(10):
        tasks.put(n)
    for _ in workers:
        tasks.put(None)
    out = dict(results.get() for _ in range(10))
    for w in workers:
        w.join()
    print([out[n] for n in range(10)])
