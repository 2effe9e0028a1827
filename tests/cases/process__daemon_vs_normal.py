# checks: at exit the main process waits for non-daemon children but kills daemon ones
import time
from multiprocessing import Process

def task(label, delay):
    time.sleep(delay)
    print(label, "finished")

if __name__ == "__main__":
    d = Process(target=task, args=("daemon", 0.3))
    d.daemon = True
    n = Process(target=task, args=("normal", 0.15))
    print("defaults:", n.daemon, "set:", d.daemon)
    d.start()
    n.start()
    print("main done")
