import time
from multiprocessing import Process


def download():
    time.sleep(0.4)
    print("download: finished")


if __name__ == "__main__":
    d = Process(target=download)
    d.start()
    step = 0
    while d.is_alive():  # non-blocking: ask, and go on working either way
        print(f"main: download still running, own work step {step}")
        time.sleep(0.1)
        step += 1
    d.join()  # returns at once now; it collects the child's exit
    print("main: the download is over")
