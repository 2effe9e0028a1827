# checks: threading.Semaphore caps concurrency; threading.Barrier releases all parties together
import threading, time

sem = threading.BoundedSemaphore(2)
state = {"inside": 0, "peak": 0}
guard = threading.Lock()

def limited():
    with sem:
        with guard:
            state["inside"] += 1
            state["peak"] = max(state["peak"], state["inside"])
        time.sleep(0.03)
        with guard:
            state["inside"] -= 1

ts = [threading.Thread(target=limited) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("peak:", state["peak"])
b = threading.Barrier(3)
indices = []
def party():
    indices.append(b.wait())
ts = [threading.Thread(target=party) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier indices:", sorted(indices))
