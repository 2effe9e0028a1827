# checks: Queue.empty()/qsize() in one process (after the feeder thread has flushed), FIFO order
import time
from multiprocessing import Queue

if __name__ == "__main__":
    q = Queue()
    print("empty at start:", q.empty(), "qsize", q.qsize())
    for word in ["a", "b", "c"]:
        q.put(word)
    time.sleep(0.1)
    print("empty after puts:", q.empty(), "qsize", q.qsize())
    print(q.get(), q.get())
    print("qsize now", q.qsize())
    print(q.get(), "empty:", q.empty())
