# checks: is_alive() is False before start, True while running, False after join
import time
from multiprocessing import Process

def nap():
    time.sleep(0.2)

if __name__ == "__main__":
    p = Process(target=nap)
    print("before start:", p.is_alive())
    p.start()
    print("after start:", p.is_alive())
    p.join()
    print("after join:", p.is_alive(), p.exitcode)
