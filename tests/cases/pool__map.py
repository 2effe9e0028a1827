# checks: Pool.map returns results in input order
from multiprocessing import Pool

def square(x):
    return x * x

if __name__ == "__main__":
    pool = Pool(2)
    print(pool.map(square, range(10)))
    print(pool.map(len, ["a", "bb", "ccc"], chunksize=1))
    pool.close()
    pool.join()
