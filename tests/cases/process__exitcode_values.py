# checks: exitcode is None before start and while running, 0 on return, N on sys.exit(N), 1 on sys.exit("msg")
import sys, time
from multiprocessing import Process

def ok():
    pass

def code(n):
    sys.exit(n)

def slow():
    time.sleep(0.2)

if __name__ == "__main__":
    p = Process(target=slow)
    print("unstarted:", p.exitcode)
    p.start()
    print("running:", p.exitcode)
    p.join()
    print("finished:", p.exitcode)
    for target, args in [(ok, ()), (code, (0,)), (code, (3,)), (code, ("bye",))]:
        q = Process(target=target, args=args)
        q.start()
        q.join()
        print(target.__name__, args, "->", q.exitcode)
