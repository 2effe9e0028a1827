import os
import time
from multiprocessing import Process, current_process


def nap():
    me = current_process()
    print(f"child: name={me.name} pid={os.getpid()} ppid={os.getppid()}")
    time.sleep(0.5)
    print("child: finished my nap")


if __name__ == "__main__":
    p = Process(target=nap, name="napper")
    print(f"before start: pid={p.pid} alive={p.is_alive()}")
    p.start()
    print(f"after start: pid={p.pid} alive={p.is_alive()}")
    p.join()
    print(f"after join: alive={p.is_alive()} exitcode={p.exitcode}")
    print(f"main: name={current_process().name} pid={os.getpid()}")
