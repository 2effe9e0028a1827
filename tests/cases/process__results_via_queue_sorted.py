# checks: several children compute squares and return them through a Queue; parent sorts the results
from multiprocessing import Process, Queue

def square(n, q):
    q.put((n, n * n))

if __name__ == "__main__":
    q = Queue()
    procs = [Process(target=square, args=(n, q)) for n in range(6)]
    for p in procs:
        p.start()
    results = sorted(q.get() for _ in procs)
    for p in procs:
        p.join()
    print(results)
    print("sum of squares:", sum(v for _, v in results))
