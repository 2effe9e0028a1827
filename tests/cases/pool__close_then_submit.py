# checks: after close() no new work is accepted (ValueError); join() waits for queued work
from multiprocessing import Pool

def ident(x):
    return x

if __name__ == "__main__":
    pool = Pool(2)
    r = pool.map_async(ident, range(4))
    pool.close()
    try:
        pool.apply_async(ident, (9,))
    except ValueError as e:
        print("ValueError:", e)
    pool.join()
    print("map_async result:", r.get())
