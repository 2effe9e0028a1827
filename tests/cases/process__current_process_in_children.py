# checks: current_process().name is MainProcess in the parent and the Process name in each child
import time
from multiprocessing import Process, current_process, parent_process

def who(delay):
    time.sleep(delay)
    print(current_process().name, "child of", parent_process().name)

if __name__ == "__main__":
    print(current_process().name, parent_process())
    procs = [Process(target=who, args=(0.1 * i,)) for i in range(3)]
    procs.append(Process(target=who, args=(0.35,), name="Custom"))
    for p in procs:
        p.start()
    for p in procs:
        p.join()
