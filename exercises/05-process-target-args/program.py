import os
import time
from multiprocessing import Process


def greet(name, times):
    for i in range(times):
        print(f"{name}: hello #{i + 1} from pid {os.getpid()}")
        time.sleep(0.05)


if __name__ == "__main__":
    # target: the function the child runs; args: a tuple of its arguments.
    p = Process(target=greet, args=("worker", 3))
    p.start()
    print("main: child started, pid", p.pid)
    p.join()
    print("main: the child is done")
