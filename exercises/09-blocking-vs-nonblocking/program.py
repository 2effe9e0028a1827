import time
from multiprocessing import Process


def download():
    time.sleep(0.4)  # waiting for the network
    print("download: finished")


if __name__ == "__main__":
    d = Process(target=download)
    d.start()
    d.join()  # blocking: main does nothing until the download is over
    print("main: the download is over")
    for step in range(3):
        time.sleep(0.1)
        print(f"main: own work, step {step}")
