import time
from multiprocessing import Process


def task(n):
    print(f"task {n} starts")
    time.sleep(0.3)
    print(f"task {n} ends")


if __name__ == "__main__":
    start = time.perf_counter()
    for n in range(3):
        p = Process(target=task, args=(n,))
        p.start()
        p.join()  # wait for this child before creating the next one
    print(f"all done in {time.perf_counter() - start:.1f} s")
