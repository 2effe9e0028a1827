# checks: threading.Event: worker threads wait until the main thread sets the event
import threading, time

ev = threading.Event()
log = []

def waiter(i):
    ev.wait()
    log.append(i)

threads = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
time.sleep(0.05)
print("before set, released:", log)
ev.set()
for t in threads:
    t.join()
print("after set, released:", sorted(log))
print("wait with timeout on a fresh event:", threading.Event().wait(0.05))
