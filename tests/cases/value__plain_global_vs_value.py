# checks: a child increments a plain global (lost to the parent) and a Value (seen by the parent)
from multiprocessing import Process, Value

plain = 0

def inc(shared):
    global plain
    plain += 1
    shared.value += 1

if __name__ == "__main__":
    shared = Value("i", 0)
    for _ in range(3):
        p = Process(target=inc, args=(shared,))
        p.start()
        p.join()
    print("plain global:", plain)
    print("shared Value:", shared.value)
