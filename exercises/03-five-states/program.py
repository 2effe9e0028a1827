import time
from multiprocessing import Process


def job(name):
    print(f"{name}: running")
    count = 0
    for i in range(20000):
        count += 1
    print(f"{name}: done")


if __name__ == "__main__":
    a = Process(target=job, args=("A",))
    b = Process(target=job, args=("B",))
    a.start()  # new -> ready: A now waits for a free CPU
    b.start()
    a.join()   # the main process blocks until A is terminated
    b.join()
    print("main: both children terminated")
