import time
from multiprocessing import Process


def background():
    for i in range(10):
        print(f"daemon: tick {i}")
        time.sleep(0.1)
    print("daemon: I finished all my ticks")


if __name__ == "__main__":
    d = Process(target=background, daemon=True)
    d.start()
    time.sleep(0.35)
    print("main: my work is done, leaving")
    d.join()  # a daemon can be joined like any child: now main waits for it
