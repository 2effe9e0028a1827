# checks: threads of a ThreadPoolExecutor submit to one ProcessPoolExecutor and wait on its futures (one pool started, results not lost between threads), wait() on a mix of both pools' futures, a Manager dict written by executor workers
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed, wait
from multiprocessing import Manager


def square(x):
    return x * x


def record(shared, key):
    shared[key] = key * 2
    return key


def fetch(ex, x):
    return ex.submit(square, x).result() + 1


if __name__ == '__main__':
    with ProcessPoolExecutor(2) as pex, ThreadPoolExecutor(2) as tex:
        fs = [tex.submit(fetch, pex, i) for i in range(4)]
        print(sorted(f.result() for f in as_completed(fs)))
        mixed = [pex.submit(square, 5), tex.submit(square, 6)]
        done, _ = wait(mixed)
        print(sorted(f.result() for f in done))
    with Manager() as m:
        d = m.dict()
        with ProcessPoolExecutor(2) as ex:
            print(sorted(ex.map(record, [d] * 3, [1, 2, 3])))
        print(sorted(d.items()))
