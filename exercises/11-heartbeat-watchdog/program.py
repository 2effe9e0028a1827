import time
from multiprocessing import Process


def watchdog(interval):
    beat = 0
    while True:  # forever: only a daemon may loop like this without blocking the exit
        beat += 1
        print(f"[watchdog] heartbeat {beat}: main is alive")
        time.sleep(interval)


if __name__ == "__main__":
    w = Process(target=watchdog, args=(0.1,), name="watchdog", daemon=True)
    w.start()
    for step in range(1, 4):
        time.sleep(0.15)  # pretend to work
        print(f"main: step {step} done")
    print("main: finished, the watchdog stops with me")
