# checks: Lock.acquire(block=False)/acquire(timeout) return False when held; release of an unheld lock errors
from multiprocessing import Lock

if __name__ == "__main__":
    lock = Lock()
    print("first acquire:", lock.acquire())
    print("second non-blocking:", lock.acquire(False))
    print("second with timeout:", lock.acquire(timeout=0.05))
    lock.release()
    print("after release:", lock.acquire(False))
    lock.release()
    try:
        lock.release()
    except ValueError as e:
        print("ValueError:", e)
