# checks: kill() sends SIGKILL to a looping child; exitcode is -9
import time
from multiprocessing import Process

def forever():
    while True:
        time.sleep(0.05)

if __name__ == "__main__":
    p = Process(target=forever)
    p.start()
    time.sleep(0.1)
    p.kill()
    p.join()
    print("killed exitcode:", p.exitcode)
