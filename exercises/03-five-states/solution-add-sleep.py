import time
from multiprocessing import Process


def job(name):
    print(f"{name}: running")
    time.sleep(0.3)  # blocked: waiting for time to pass, not using the CPU
    count = 0
    for i in range(20000):
        count += 1
    print(f"{name}: done")


if __name__ == "__main__":
    a = Process(target=job, args=("A",))
    b = Process(target=job, args=("B",))
    a.start()
    b.start()
    a.join()
    b.join()
    print("main: both children terminated")
