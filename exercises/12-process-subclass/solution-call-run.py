import os
from multiprocessing import Process


class Summer(Process):
    def __init__(self, label, upto):
        super().__init__()
        self.label = label
        self.upto = upto

    def run(self):
        total = sum(range(self.upto + 1))
        print(f"{self.label} (pid {os.getpid()}): sum to {self.upto} = {total}")


if __name__ == "__main__":
    print("main pid", os.getpid())
    workers = [Summer("small", 10), Summer("large", 1000)]
    for w in workers:
        w.run()  # an ordinary method call: no new process, it runs right here
    print("names:", [w.name for w in workers])
