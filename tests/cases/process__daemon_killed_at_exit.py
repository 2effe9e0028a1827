# checks: a daemon child is terminated when the main process exits, so its late print never appears
import time
from multiprocessing import Process

def background():
    print("daemon started")
    time.sleep(0.3)
    print("daemon finished (never shown)")

if __name__ == "__main__":
    p = Process(target=background, daemon=True)
    p.start()
    time.sleep(0.1)
    print("main exits now, daemon =", p.daemon)
