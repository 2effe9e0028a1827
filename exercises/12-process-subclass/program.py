import os
from multiprocessing import Process


class Summer(Process):
    """A process that adds up 0..upto. Its work is its run() method."""

    def __init__(self, label, upto):
        super().__init__()  # required: sets up the Process part of the object
        self.label = label
        self.upto = upto

    def run(self):
        total = sum(range(self.upto + 1))
        print(f"{self.label} (pid {os.getpid()}): sum to {self.upto} = {total}")


if __name__ == "__main__":
    print("main pid", os.getpid())
    workers = [Summer("small", 10), Summer("large", 1000)]
    for w in workers:
        w.start()  # start() creates the process, which then calls run()
    for w in workers:
        w.join()
    print("names:", [w.name for w in workers])
