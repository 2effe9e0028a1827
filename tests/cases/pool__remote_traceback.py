# checks: an exception in a Pool worker reaches the parent with the worker's traceback as its cause (a RemoteTraceback); a ThreadPool's has none
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def ratio(pair):
    a, b = pair
    return a / b


if __name__ == '__main__':
    with ThreadPool(2) as tp:
        try:
            tp.map(ratio, [(1, 0)])
        except ZeroDivisionError as e:
            print('thread pool cause:', e.__cause__)
    with Pool(2) as pool:
        r = pool.apply_async(ratio, ((3, 0),))
        r.wait()
        print(r.successful())
        try:
            r.get()
        except ZeroDivisionError as e:
            print(type(e.__cause__).__name__, 'in ratio' in str(e.__cause__))
        print(pool.map(ratio, [(6, 3), (1, 0), (4, 2)]))
