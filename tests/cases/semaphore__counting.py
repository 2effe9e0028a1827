# checks: Semaphore counting in one process: acquire(False) fails at zero, get_value after releases
from multiprocessing import Semaphore, BoundedSemaphore

if __name__ == "__main__":
    s = Semaphore(2)
    print(s.acquire(False), s.acquire(False), s.acquire(False))
    s.release()
    print("value:", s.get_value())
    b = BoundedSemaphore(1)
    b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)
