# checks: enumerate() and zip() over iterators that wait (a Pool's imap, a generator reading a
# queue) step them as the for loop does
from multiprocessing import Pool, Process, Queue
import time

def slow_square(x):
    time.sleep(0.05 * x)
    return x * x

def numbers(q):
    while True:
        v = q.get()
        if v is None:
            return
        yield v

def feed(q):
    for i in range(3):
        q.put(i * 10)
    q.put(None)

if __name__ == "__main__":
    with Pool(2) as pool:
        for i, r in enumerate(pool.imap(slow_square, [3, 1, 2]), start=1):
            print(i, r)
        for a, b in zip("abc", pool.imap(slow_square, [1, 2, 3])):
            print(a, b)
    q = Queue()
    p = Process(target=feed, args=(q,))
    p.start()
    print(list(enumerate(numbers(q))))
    p.join()
    print(list(zip(range(5), (c for c in "xy"))))
    e = enumerate(x for x in "ab")
    print(next(e), list(e))
