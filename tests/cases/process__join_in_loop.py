# checks: start+join inside the loop runs children one after another (serial, deterministic order)
import time
from multiprocessing import Process

def work(n):
    print(f"worker {n} start")
    time.sleep(0.02)
    print(f"worker {n} end")

if __name__ == "__main__":
    for i in range(4):
        p = Process(target=work, args=(i,))
        p.start()
        p.join()
        print(f"joined {i}")
    print("main done")
