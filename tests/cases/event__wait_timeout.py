# checks: Event.wait(timeout) returns False on timeout and True when already set
from multiprocessing import Event

if __name__ == "__main__":
    ev = Event()
    print("wait(0.1) on unset:", ev.wait(0.1))
    ev.set()
    print("wait(0.1) on set:", ev.wait(0.1))
    print("wait() on set:", ev.wait())
