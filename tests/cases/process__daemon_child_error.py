# checks: a daemon process may not start children: AssertionError traceback from the child, exitcode 1
from multiprocessing import Process

def grandchild():
    print("grandchild runs (never)")

def daemon_parent():
    print("daemon trying to start a child")
    Process(target=grandchild).start()

if __name__ == "__main__":
    p = Process(target=daemon_parent, daemon=True)
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
