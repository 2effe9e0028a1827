import queue
import time
from multiprocessing import Process, Queue


def writer(q):
    for n in range(3):
        time.sleep(0.2)  # a slow writer
        q.put(n)


def reader(q):
    received = 0
    while received < 3:
        try:
            item = q.get(timeout=0.1)  # wait at most 0.1 s
        except queue.Empty:
            print("reader: nothing yet (queue.Empty after 0.1 s)")
            continue
        print(f"reader got {item}")
        received += 1
    print("reader: got everything")


if __name__ == "__main__":
    q = Queue()
    w = Process(target=writer, args=(q,))
    r = Process(target=reader, args=(q,))
    w.start()
    r.start()
    w.join()
    r.join()
