# checks: a pipe whose writers all closed polls ready and recv raises EOFError(); a timed-out
# multiprocessing.Barrier raises threading's BrokenBarrierError; notify() needs the lock
import multiprocessing as mp
import threading
from multiprocessing import Process, Pipe

def producer(conn):
    for i in range(3):
        conn.send(i)
    conn.close()

if __name__ == "__main__":
    parent, child = Pipe()
    p = Process(target=producer, args=(child,))
    p.start()
    child.close()
    while True:
        if parent.poll(0.1):
            try:
                print("got", parent.recv())
            except EOFError as e:
                print("closed:", repr(e))
                break
    p.join()
    a, b = Pipe()
    b.close()
    print("poll after close:", a.poll())

    bar = mp.Barrier(2, timeout=0.1)
    try:
        bar.wait()
    except threading.BrokenBarrierError as e:
        print("broken:", type(e).__module__, type(e).__name__)

    cond = mp.Condition()
    try:
        cond.notify()
    except AssertionError as e:
        print("AssertionError:", e)
    with cond:
        cond.notify_all()
        print("notified with the lock held")
