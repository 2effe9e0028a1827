# Two readers of one queue, the second starting while the first is busy: every item is read
# once, and each reader sees the items in the order they were put.
from multiprocessing import Process, Queue, Pipe
import time

def reader(name, q, results, delay):
    time.sleep(delay)
    seen = []
    while True:
        item = q.get()
        if item is None:
            break
        seen.append(item)
        for _ in range(300):  # some work per item
            pass
    results.put((name, len(seen), seen == sorted(seen), sum(seen)))

if __name__ == "__main__":
    q = Queue()
    results = Queue()
    for i in range(300):
        q.put(i)
    a = Process(target=reader, args=("a", q, results, 0))
    b = Process(target=reader, args=("b", q, results, 0.001))
    a.start()
    b.start()
    time.sleep(0.05)
    q.put(None)
    q.put(None)
    got = sorted(results.get() for _ in range(2))
    a.join()
    b.join()
    print("items read:", sum(r[1] for r in got))
    print("sum:", sum(r[3] for r in got), "expected:", sum(range(300)))
    print("each in order:", all(r[2] for r in got))
    print("q empty:", q.empty())

    # A pipe read by its one reader, many items at once.
    left, right = Pipe()
    def send_all(conn):
        for i in range(100):
            conn.send(i * i)
        conn.close()
    p = Process(target=send_all, args=(right,))
    p.start()
    right.close()
    total = 0
    try:
        while True:
            total += left.recv()
    except EOFError:
        pass
    p.join()
    print("pipe total:", total, total == sum(i * i for i in range(100)))
