import os
from multiprocessing import Process, Value

names = ["main"]


def child(count):
    with count.get_lock():
        count.value += 1
    names.append("child")
    print(f"child  (pid {os.getpid()}): count = {count.value}, names = {names}")


if __name__ == "__main__":
    count = Value("i", 100)  # an int in shared memory: both processes see the same one
    p = Process(target=child, args=(count,))
    p.start()
    p.join()
    print(f"parent (pid {os.getpid()}): count = {count.value}, names = {names}")
