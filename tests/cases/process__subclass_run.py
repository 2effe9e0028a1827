# checks: Process subclass calling super().__init__() and overriding run(); start() calls run() in the child
from multiprocessing import Process

class Counter(Process):
    def __init__(self, label, upto):
        super().__init__()
        self.label = label
        self.upto = upto

    def run(self):
        print(f"{self.name} ({self.label}) counts:", list(range(self.upto)))

if __name__ == "__main__":
    for i, label in enumerate(["small", "big"]):
        c = Counter(label, 3 + i * 2)
        c.start()
        c.join()
    print("done")
