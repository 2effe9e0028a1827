# checks: without join, the main process still waits for non-daemon children at exit
import time
from multiprocessing import Process

def late():
    time.sleep(0.2)
    print("child prints after main's last line")

if __name__ == "__main__":
    Process(target=late).start()
    print("main's last line")
