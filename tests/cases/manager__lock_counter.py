# checks: Manager().Value plus Manager().Lock: four processes add 50 each, total exact
from multiprocessing import Process, Manager

def add(counter, lock):
    for _ in range(50):
        with lock:
            counter.value += 1

if __name__ == "__main__":
    with Manager() as m:
        counter, lock = m.Value("i", 0), m.Lock()
        procs = [Process(target=add, args=(counter, lock)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print("total:", counter.value)
