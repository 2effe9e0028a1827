# checks: Semaphore(2) lets at most two of five processes into the critical section at once
import time
from multiprocessing import Process, Semaphore, Value

def limited(sem, inside, peak):
    with sem:
        with inside.get_lock():
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.12)
        with inside.get_lock():
            inside.value -= 1

if __name__ == "__main__":
    sem = Semaphore(2)
    inside, peak = Value("i", 0), Value("i", 0)
    procs = [Process(target=limited, args=(sem, inside, peak)) for _ in range(5)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("peak concurrency:", peak.value)
    print("inside at end:", inside.value)
