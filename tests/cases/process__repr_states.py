# checks: repr of a Process: initial, started, stopped with exitcode (pids masked)
# mode: normalized
import time
from multiprocessing import Process

def nap():
    time.sleep(0.1)

if __name__ == "__main__":
    p = Process(target=nap)
    print(p)
    p.start()
    print(p)
    p.join()
    print(p)
    q = Process(target=nap, name="terminated-one", daemon=True)
    q.start()
    q.terminate()
    q.join()
    print(q)
