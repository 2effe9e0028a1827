# checks: three producer processes share one Queue; the parent collects 9 items and sorts them
from multiprocessing import Process, Queue

def produce(pid_label, q):
    for k in range(3):
        q.put((pid_label, k, pid_label * 10 + k))

if __name__ == "__main__":
    q = Queue()
    procs = [Process(target=produce, args=(i, q)) for i in range(3)]
    for p in procs:
        p.start()
    items = [q.get() for _ in range(9)]
    for p in procs:
        p.join()
    for item in sorted(items):
        print(item)
    print("total", sum(v for _, _, v in items))
