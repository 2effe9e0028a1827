import os
import time
from multiprocessing import Process


def greet(name, times):
    for i in range(times):
        print(f"{name}: hello #{i + 1} from pid {os.getpid()}")
        time.sleep(0.05)


if __name__ == "__main__":
    p = Process(target=greet, args=("worker", 3))
    q = Process(target=greet, kwargs={"name": "helper", "times": 2})
    p.start()
    q.start()
    print("main: children started, pids", p.pid, q.pid)
    p.join()
    q.join()
    print("main: the children are done")
