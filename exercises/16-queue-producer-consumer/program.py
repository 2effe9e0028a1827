import time
from multiprocessing import Process, Queue


def producer(q):
    for n in range(5):
        time.sleep(0.05)  # making a bun takes a while
        q.put(f"bun-{n}")
        print(f"producer made bun-{n}")
    q.put(None)  # a sentinel: "there will be nothing more"


def consumer(q):
    while True:
        item = q.get()  # blocks while the queue is empty
        if item is None:
            break
        print(f"consumer ate {item}")
    print("consumer: no more buns")


if __name__ == "__main__":
    q = Queue()
    p = Process(target=producer, args=(q,))
    c = Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("main: the bakery is closed")
