# checks: a task that raises in a ProcessPoolExecutor worker: exception() returns it, result() raises it with the worker's traceback as its cause
from concurrent.futures import ProcessPoolExecutor


def parse(text):
    return int(text)


def check(n):
    if n % 2:
        raise ValueError(f'odd: {n}')
    return n


if __name__ == '__main__':
    with ProcessPoolExecutor(2) as ex:
        bad = ex.submit(parse, 'seven')
        e = bad.exception()
        print(type(e).__name__, e)
        print(type(e.__cause__).__name__, 'File' in str(e.__cause__))
        results = ex.map(check, [0, 2, 3, 4])
        print(next(results), next(results))
        try:
            next(results)
        except ValueError as err:
            print('caught', err)
        print(ex.submit(check, 8).result())
        ex.submit(parse, '4.5').result()
