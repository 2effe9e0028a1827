# checks: next() on a generator that blocks (waits on a queue), with and without a default; StopIteration carries the return value
from multiprocessing import Process, Queue


def produce(q):
    for word in ('alpha', 'beta'):
        q.put(word)


def received(q, n):
    for _ in range(n):
        yield q.get()
    return 'done'


def countdown(n):
    while n:
        yield n
        n -= 1


if __name__ == '__main__':
    q = Queue()
    p = Process(target=produce, args=(q,))
    p.start()
    g = received(q, 2)
    print(next(g), next(g), next(g, 'no more'), next(g, None))
    p.join()
    c = countdown(2)
    print(next(c), next(c))
    try:
        next(c)
    except StopIteration as e:
        print('stop', e.args)
    r = received(q, 0)
    try:
        next(r)
    except StopIteration as e:
        print('stop with value', e.value)
    print(next(iter([7])), next(iter([]), 'empty'))
    next(countdown(0))
