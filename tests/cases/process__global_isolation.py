# checks: a child's change to a global variable is not visible in the parent (separate memory)
from multiprocessing import Process

counter = 100

def bump():
    global counter
    counter += 1
    print("child sees", counter)

if __name__ == "__main__":
    p = Process(target=bump)
    p.start()
    p.join()
    print("parent sees", counter)
