# checks: join(timeout) returns while the child is still alive; a later join() waits for the end
import time
from multiprocessing import Process

def slow():
    time.sleep(0.3)
    print("slow child done")

if __name__ == "__main__":
    p = Process(target=slow)
    p.start()
    p.join(timeout=0.05)
    print("after join(0.05): alive =", p.is_alive(), "exitcode =", p.exitcode)
    p.join()
    print("after join(): alive =", p.is_alive(), "exitcode =", p.exitcode)
