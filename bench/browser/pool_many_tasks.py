# A Pool(2) with many small tasks, where the messages between processes are the cost, not the
# work: imap of 2,000 items (chunksize 1: one task and one result each), map of the same
# (8 chunks), and 500 apply_async calls collected with get().
# Prints "imap MS", "map MS", "apply_async MS".
import time
from multiprocessing import Pool

ITEMS = 2000
CALLS = 500


def square(x):
    return x * x


if __name__ == "__main__":
    expected = sum(x * x for x in range(ITEMS))
    with Pool(2) as pool:
        t = time.perf_counter()
        assert sum(pool.imap(square, range(ITEMS))) == expected
        print(f"imap {(time.perf_counter() - t) * 1000:.1f}")
        t = time.perf_counter()
        assert sum(pool.map(square, range(ITEMS))) == expected
        print(f"map {(time.perf_counter() - t) * 1000:.1f}")
        t = time.perf_counter()
        results = [pool.apply_async(square, (i,)) for i in range(CALLS)]
        assert sum(r.get() for r in results) == sum(i * i for i in range(CALLS))
        print(f"apply_async {(time.perf_counter() - t) * 1000:.1f}")
