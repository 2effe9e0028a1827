import os
import time
from multiprocessing import Process


class Countdown(Process):
    def __init__(self, start_at):
        super().__init__()
        self.start_at = start_at

    def run(self):
        for n in range(self.start_at, 0, -1):
            print(f"{self.name}: {n}")
            time.sleep(0.05)
        print(f"{self.name}: liftoff from pid {os.getpid()}")


if __name__ == "__main__":
    c = Countdown(3)
    c.start()
    c.join()
    print("main: countdown exitcode", c.exitcode)
