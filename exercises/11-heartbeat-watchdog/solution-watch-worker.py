import time
from multiprocessing import Process


def worker():
    time.sleep(0.25)
    print("worker: done")


def watchdog(target_pid, interval):
    # A daemon that reports on another process; it ends when main ends.
    beat = 0
    while True:
        beat += 1
        print(f"[watchdog] heartbeat {beat}: still watching pid {target_pid}")
        time.sleep(interval)


if __name__ == "__main__":
    job = Process(target=worker, name="worker")
    job.start()
    w = Process(target=watchdog, args=(job.pid, 0.1), name="watchdog", daemon=True)
    w.start()
    job.join()
    print(f"main: worker ended with exitcode {job.exitcode}")
