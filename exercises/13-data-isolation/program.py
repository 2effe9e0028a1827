import os
from multiprocessing import Process

count = 100
names = ["main"]


def child():
    global count
    count += 1
    names.append("child")
    print(f"child  (pid {os.getpid()}): count = {count}, names = {names}")


if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    p.join()
    # The child changed its own copies; ours are untouched.
    print(f"parent (pid {os.getpid()}): count = {count}, names = {names}")
