# checks: threading.Condition producer/consumer handing over items in order; RLock re-entry
import threading

items, cond = [], threading.Condition()
consumed = []

def consumer():
    for _ in range(3):
        with cond:
            cond.wait_for(lambda: items)
            consumed.append(items.pop(0))

c = threading.Thread(target=consumer)
c.start()
for i in range(3):
    with cond:
        items.append(f"item{i}")
        cond.notify()
c.join()
print("consumed:", consumed)
r = threading.RLock()
with r:
    with r:
        print("re-entered RLock")
