# checks: imap/imap_unordered hand out each result as soon as it is in (worker and main prints interleave); chunks of imap come whole
import time
from multiprocessing import Pool

SLEEP = {1: 0.15, 2: 0.3, 3: 0.45, 4: 0.6}


def work(x):
    time.sleep(SLEEP[x])
    print("worker finished", x, flush=True)
    return x * x


def chunked(x):
    time.sleep(0.4 if x == 3 else 0.1)
    print("worker finished", x, flush=True)
    return -x


if __name__ == "__main__":
    with Pool(2) as p:
        # In input order: 1 then 3 on one worker, 2 then 4 on the other.
        for r in p.imap(work, [1, 2, 3, 4]):
            print("main got", r, flush=True)
        print("--")
        # In completion order.
        for r in p.imap_unordered(work, [3, 1, 4]):
            print("main got", r, flush=True)
        print("--")
        # chunksize 2: a generator over the chunks, each handed out once its whole chunk is in.
        g = p.imap(chunked, [1, 2, 3, 4], chunksize=2)
        print(type(g).__name__)
        for r in g:
            print("main got", r, flush=True)
