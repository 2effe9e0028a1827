# checks: a process started while a ProcessPoolExecutor has calls pending leaves the pool alone when it exits (the program's end shuts down only the executors of the process that made them)
import time
from multiprocessing import Process
from concurrent.futures import ProcessPoolExecutor


def slow(x):
    time.sleep(0.2)
    return x * 10


def child():
    print('child says hi')


if __name__ == '__main__':
    ex = ProcessPoolExecutor(2)
    futures = [ex.submit(slow, i) for i in range(3)]
    p = Process(target=child)
    p.start()
    p.join()
    print('child exit code', p.exitcode)
    print([f.result() for f in futures])
    ex.shutdown()
