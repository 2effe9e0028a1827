from multiprocessing import Process
import os, time

def work(n):
    print(f"child {n}: pid={os.getpid()} parent={os.getppid()}")
    time.sleep(0.2)
    print("child", n, "done")

if __name__ == "__main__":
    procs = []
    for i in range(5):
        p = Process(target=work, args=(i,))
        p.start()
        p.join()
        procs.append(p)
    print("main done")
