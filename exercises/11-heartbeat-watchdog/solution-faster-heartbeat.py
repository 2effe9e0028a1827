import time
from multiprocessing import Process


def watchdog(interval):
    beat = 0
    while True:
        beat += 1
        print(f"[watchdog] heartbeat {beat}: main is alive")
        time.sleep(interval)


if __name__ == "__main__":
    w = Process(target=watchdog, args=(0.04,), name="watchdog", daemon=True)
    w.start()
    for step in range(1, 4):
        time.sleep(0.15)
        print(f"main: step {step} done")
    print("main: finished, the watchdog stops with me")
