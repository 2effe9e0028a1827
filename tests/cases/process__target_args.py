# checks: Process(target=..., args=(...)) runs the function in a child; join waits for it
from multiprocessing import Process

def greet(name, times):
    for i in range(times):
        print(f"hello {name} #{i}")

if __name__ == "__main__":
    p = Process(target=greet, args=("world", 3))
    p.start()
    p.join()
    print("child finished, exitcode", p.exitcode)
