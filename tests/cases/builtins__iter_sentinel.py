# checks: iter(callable, sentinel), the documented worker loop `for n in iter(q.get, "STOP")`
from multiprocessing import Process, Queue

def worker(tasks, done):
    for n in iter(tasks.get, "STOP"):
        done.put(n * n)

if __name__ == "__main__":
    tasks, done = Queue(), Queue()
    for i in range(5):
        tasks.put(i)
    tasks.put("STOP")
    p = Process(target=worker, args=(tasks, done))
    p.start()
    p.join()
    print(sorted(done.get() for _ in range(5)))
    print(list(iter([3, 2, 1, 0].pop, 1)))
    try:
        iter(5, 1)
    except TypeError as e:
        print(e)
