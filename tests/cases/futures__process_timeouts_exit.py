# checks: ProcessPoolExecutor: initializer, result(timeout), wait(FIRST_EXCEPTION), an unpicklable call, map(timeout), a pool never shut down is shut down at the program's end
import time, os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait, FIRST_EXCEPTION, TimeoutError
import concurrent.futures as cf

def init(tag):
    global TAG
    TAG = tag

def tagged(x):
    return TAG + str(x)

def slow(x):
    time.sleep(x)
    return x

def boom(x):
    raise KeyError(x)

if __name__ == '__main__':
    ex = ProcessPoolExecutor(2, initializer=init, initargs=('w',))
    print(list(ex.map(tagged, [1, 2, 3])))
    f = ex.submit(slow, 0.3)
    try:
        f.result(timeout=0.05)
    except TimeoutError:
        print('timed out, done:', f.done())
    print(f.result())
    fs = [ex.submit(slow, 0.2), ex.submit(boom, 'k'), ex.submit(slow, 0.4)]
    done, pending = wait(fs, return_when=FIRST_EXCEPTION)
    print(len(done), len(pending), repr(fs[1].exception()))
    try:
        ex.submit(lambda: 1).result()
    except Exception as e:
        print(type(e).__name__)
    try:
        list(ex.map(slow, [0.05, 0.5], timeout=0.2))
    except TimeoutError:
        print('map timed out')
    with ThreadPoolExecutor(2) as tex:
        print(list(tex.map(lambda x: x * 2, range(4))))
        print(tex.submit(boom, 3).exception().__class__.__name__)
    print(isinstance(f, cf.Future), cf.ALL_COMPLETED)
    # no shutdown: the program's end waits for the pool
    ex.submit(print, 'printed by a worker before exit')
