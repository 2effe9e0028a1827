import os
import time
from multiprocessing import Process


def work():
    print("I am a running process, pid", os.getpid())
    total = 0
    for i in range(1, 1001):
        total += i
    print("I computed total =", total)
    time.sleep(0.2)
    print("process", os.getpid(), "ends now")


if __name__ == "__main__":
    # The same program text, two processes: each has its own pid and its own `total`.
    child = Process(target=work)
    child.start()
    work()
    child.join()
