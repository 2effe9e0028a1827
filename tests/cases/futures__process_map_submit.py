# checks: ProcessPoolExecutor: map keeps the input order (also with chunksize and two iterables), submit/result, the tasks run in other processes
from concurrent.futures import ProcessPoolExecutor
import os

PARENT = os.getpid()


def cube(n):
    return n ** 3


def elsewhere(_):
    return os.getpid() != PARENT


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=3) as ex:
        print(list(ex.map(cube, range(8))))
        print(list(ex.map(pow, [2, 3, 4, 5], [5, 2, 0, 1], chunksize=3)))
        f = ex.submit(cube, 11)
        print(f.result(), f.done(), f.exception(), f.cancelled())
        print(all(ex.map(elsewhere, range(6))))
        print(sum(ex.map(cube, [])))
    try:
        ex.submit(cube, 1)
    except RuntimeError as e:
        print('after shutdown:', e)
    print(f._state, repr(f).split(' state=')[1])
