# checks: multiprocessing.Queue carries objects from a child to the parent (get blocks until available)
from multiprocessing import Process, Queue

def producer(q):
    q.put("hello from child")
    q.put({"numbers": [1, 2, 3], "tuple": (4, 5)})
    q.put(None)

if __name__ == "__main__":
    q = Queue()
    p = Process(target=producer, args=(q,))
    p.start()
    while True:
        item = q.get()
        print("got:", item)
        if item is None:
            break
    p.join()
