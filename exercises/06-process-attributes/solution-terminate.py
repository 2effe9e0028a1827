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
    time.sleep(0.1)
    p.terminate()  # sends SIGTERM (signal 15): the child ends at once
    p.join()       # still join, so that the child's end is collected
    print(f"after join: alive={p.is_alive()} exitcode={p.exitcode}")
    print(f"main: name={current_process().name} pid={os.getpid()}")
