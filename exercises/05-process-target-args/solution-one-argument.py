import os
from multiprocessing import Process


def shout(word):
    print(f"{word.upper()}! from pid {os.getpid()}")


if __name__ == "__main__":
    # A one-element tuple needs its comma: ("hey") is just the string "hey".
    p = Process(target=shout, args=("hey",))
    p.start()
    p.join()
    print("main: the child is done")
