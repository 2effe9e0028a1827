# checks: Pool.join() before close() raises ValueError
from multiprocessing import Pool

if __name__ == "__main__":
    pool = Pool(1)
    try:
        pool.join()
    except ValueError as e:
        print("ValueError:", e)
    pool.close()
    pool.join()
    print("joined after close")
