# checks: multiprocessing.dummy.Pool apply_async with callback; ThreadPool starmap; apply after close fails
from multiprocessing.dummy import Pool
from multiprocessing.pool import ThreadPool

seen = []

def mul(a, b):
    return a * b

if __name__ == "__main__":
    pool = Pool(2)
    for i in range(4):
        pool.apply_async(mul, (i, 10), callback=seen.append)
    pool.close()
    pool.join()
    print("callbacks:", sorted(seen))
    with ThreadPool(2) as tp:
        print("starmap:", tp.starmap(mul, [(2, 3), (4, 5)]))
    try:
        pool.apply_async(mul, (1, 1))
    except ValueError as e:
        print("ValueError:", e)
