# checks: an exception in a child prints "Process Process-1:" and a traceback to stderr; exitcode 1; parent continues
from multiprocessing import Process

def faulty(x):
    print("child computing")
    return 10 / x

if __name__ == "__main__":
    p = Process(target=faulty, args=(0,))
    p.start()
    p.join()
    print("parent continues, exitcode =", p.exitcode)
