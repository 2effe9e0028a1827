# checks: a Process subclass whose __init__ forgets super().__init__() fails at start()
from multiprocessing import Process

class Broken(Process):
    def __init__(self, n):
        self.n = n

    def run(self):
        print("never runs", self.n)

if __name__ == "__main__":
    b = Broken(1)
    try:
        b.start()
    except AttributeError as e:
        print("AttributeError:", e)
    print("main continues")
