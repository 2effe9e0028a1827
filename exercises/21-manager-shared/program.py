import os
from multiprocessing import Manager, Process


def record(squares, owners, n):
    squares.append(n * n)           # a method call sent to the manager process
    owners[f"worker-{n}"] = os.getpid()


if __name__ == "__main__":
    with Manager() as manager:      # starts a server process that holds the objects
        squares = manager.list()
        owners = manager.dict()
        workers = [Process(target=record, args=(squares, owners, n)) for n in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print("squares:", sorted(squares))
        print("written by:", sorted(owners.keys()))
