# checks: RLock can be acquired repeatedly by its owner and must be released as many times
from multiprocessing import Process, RLock

def nested(lock, depth):
    with lock:
        print("  " * depth + f"depth {depth}")
        if depth < 3:
            nested(lock, depth + 1)

if __name__ == "__main__":
    lock = RLock()
    p = Process(target=nested, args=(lock, 0))
    p.start()
    p.join()
    print(lock.acquire(), lock.acquire(), "held twice")
    lock.release()
    lock.release()
    try:
        lock.release()
    except AssertionError as e:
        print("AssertionError:", e)
