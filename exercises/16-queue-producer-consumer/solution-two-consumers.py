import time
from multiprocessing import Process, Queue


def producer(q, consumers):
    for n in range(5):
        time.sleep(0.05)
        q.put(f"bun-{n}")
        print(f"producer made bun-{n}")
    for _ in range(consumers):
        q.put(None)  # one sentinel per consumer: each one stops at its own


def consumer(q, name):
    while True:
        item = q.get()
        if item is None:
            break
        print(f"{name} ate {item}")
    print(f"{name}: no more buns")


if __name__ == "__main__":
    q = Queue()
    p = Process(target=producer, args=(q, 2))
    eaters = [Process(target=consumer, args=(q, f"consumer-{n}")) for n in range(2)]
    p.start()
    for c in eaters:
        c.start()
    p.join()
    for c in eaters:
        c.join()
    print("main: the bakery is closed")
