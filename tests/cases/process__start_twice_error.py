# checks: starting a Process object twice raises AssertionError
from multiprocessing import Process

def hello():
    print("hello from child")

if __name__ == "__main__":
    p = Process(target=hello)
    p.start()
    p.join()
    try:
        p.start()
    except AssertionError as e:
        print("AssertionError:", e)
    print("exitcode still", p.exitcode)
