# checks: Queue(maxsize=2): full(), put(block=False) and put(timeout=...) raise queue.Full
import queue, time
from multiprocessing import Queue

if __name__ == "__main__":
    q = Queue(maxsize=2)
    q.put(1)
    q.put(2)
    time.sleep(0.05)
    print("full:", q.full())
    try:
        q.put(3, block=False)
    except queue.Full:
        print("put(block=False) -> queue.Full")
    try:
        q.put(3, timeout=0.1)
    except queue.Full:
        print("put(timeout=0.1) -> queue.Full")
    print(q.get(), q.get())
