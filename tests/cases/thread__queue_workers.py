# checks: queue.Queue with worker threads, task_done/join, results sorted
import queue, threading

tasks, results = queue.Queue(), []
lock = threading.Lock()

def worker():
    while True:
        n = tasks.get()
        if n is None:
            tasks.task_done()
            break
        with lock:
            results.append(n * 2)
        tasks.task_done()

workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for n in range(10):
    tasks.put(n)
for _ in workers:
    tasks.put(None)
tasks.join()
for w in workers:
    w.join()
print(sorted(results))
