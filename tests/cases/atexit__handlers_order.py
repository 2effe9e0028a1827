# mode: normalized
# checks: atexit handlers run at the program's end, last registered first, with their
# arguments, after the non-daemon threads and before the children are joined; an error in one
# is printed and the others still run; a Process child does not run its parent's handlers
import atexit
import threading
import time
from multiprocessing import Process

def goodbye(name, punct="!"):
    print(f"goodbye, {name}{punct}")

def broken():
    print("broken handler runs")
    return 1 / 0

@atexit.register
def first():
    print("registered first, runs last")

def child():
    time.sleep(0.1)
    print("child done")

def worker():
    time.sleep(0.05)
    print("thread done")

atexit.register(goodbye, "world")
atexit.register(goodbye, "again", punct="?")
atexit.register(broken)
atexit.register(print, "never")
atexit.unregister(print)

if __name__ == "__main__":
    p = Process(target=child)
    p.start()
    threading.Thread(target=worker).start()
    print("main ends")
