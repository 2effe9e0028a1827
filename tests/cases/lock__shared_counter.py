# checks: Value incremented by 4 processes under its lock ends at exactly 4 * 200
from multiprocessing import Process, Value

def add(counter, times):
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1

if __name__ == "__main__":
    counter = Value("i", 0)
    procs = [Process(target=add, args=(counter, 200)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("final counter:", counter.value)
