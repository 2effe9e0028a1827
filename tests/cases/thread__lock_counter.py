# checks: four threads increment a shared counter under a Lock; the total is exact
import threading

counter = 0
lock = threading.Lock()

def add(times):
    global counter
    for _ in range(times):
        with lock:
            counter += 1

threads = [threading.Thread(target=add, args=(10000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
