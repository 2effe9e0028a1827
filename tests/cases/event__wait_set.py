# checks: Event: children block in wait() until the parent calls set(); is_set/clear
import time
from multiprocessing import Process, Event

def waiter(ev, i):
    ev.wait()
    time.sleep(0.05 * i)
    print(f"waiter {i} released")

if __name__ == "__main__":
    ev = Event()
    procs = [Process(target=waiter, args=(ev, i)) for i in range(3)]
    for p in procs:
        p.start()
    time.sleep(0.1)
    print("is_set before:", ev.is_set())
    print("setting event")
    ev.set()
    for p in procs:
        p.join()
    print("is_set after:", ev.is_set())
    ev.clear()
    print("after clear:", ev.is_set())
