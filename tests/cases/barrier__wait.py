# checks: Barrier(3): no process passes until all three arrive (arrival and departure ordered by sleeps)
import time
from multiprocessing import Process, Barrier

def party(b, i):
    time.sleep(0.06 * i)
    print(f"party {i} arrives")
    b.wait()
    time.sleep(0.06 * i)
    print(f"party {i} passes")

if __name__ == "__main__":
    b = Barrier(3)
    procs = [Process(target=party, args=(b, i)) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("parties:", b.parties, "broken:", b.broken)
