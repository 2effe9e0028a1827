# checks: Pool.imap yields results lazily but in input order, even when later tasks finish first
import time
from multiprocessing import Pool

def slow_first(x):
    time.sleep(0.15 if x == 0 else 0.01)
    return x * 10

if __name__ == "__main__":
    with Pool(2) as p:
        it = p.imap(slow_first, range(5))
        print(type(it).__name__)
        for r in it:
            print("got", r)
