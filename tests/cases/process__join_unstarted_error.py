# checks: join() on a Process that was never started raises AssertionError (uncaught here)
from multiprocessing import Process

def hello():
    print("hello")

if __name__ == "__main__":
    p = Process(target=hello)
    print("joining without start")
    p.join()
