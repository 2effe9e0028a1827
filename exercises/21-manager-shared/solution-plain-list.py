import os
from multiprocessing import Manager, Process


def record(squares, owners, n):
    squares.append(n * n)           # appends to the child's own copy only
    owners[f"worker-{n}"] = os.getpid()


if __name__ == "__main__":
    with Manager() as manager:
        squares = []                # a plain list: every child gets a private copy
        owners = manager.dict()
        workers = [Process(target=record, args=(squares, owners, n)) for n in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print("squares:", sorted(squares))
        print("written by:", sorted(owners.keys()))
