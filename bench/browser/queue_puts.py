# One process puts ITEMS items on an unbounded Queue (nobody reads them): a put that never
# blocks need not wait for the kernel. Prints "puts ITEMS MS".
import time
from multiprocessing import Queue

ITEMS = 100000

if __name__ == "__main__":
    q = Queue()
    t = time.perf_counter()
    for i in range(ITEMS):
        q.put(i)
    ms = (time.perf_counter() - t) * 1000
    assert q.qsize() == ITEMS
    print(f"puts {ITEMS} {ms:.1f}")
    # CPython's process would otherwise wait at exit to flush every item into the queue's pipe,
    # which nobody reads.
    q.cancel_join_thread()
