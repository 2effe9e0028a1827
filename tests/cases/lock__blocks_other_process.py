# checks: a child blocks on a Lock held by the parent until the parent releases it
import time
from multiprocessing import Process, Lock

def wait_for_lock(lock):
    print("child: waiting for the lock")
    with lock:
        print("child: got the lock")

if __name__ == "__main__":
    lock = Lock()
    lock.acquire()
    p = Process(target=wait_for_lock, args=(lock,))
    p.start()
    time.sleep(0.2)
    print("parent: releasing")
    lock.release()
    p.join()
    print("parent: child finished")
