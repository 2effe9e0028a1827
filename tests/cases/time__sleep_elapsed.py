# checks: time.sleep blocks for roughly the requested duration; elapsed time masked/bucketed
# mode: normalized
import time
start = time.time()
time.sleep(0.2)
elapsed = time.time() - start
print("slept at least 0.2:", elapsed >= 0.2)
print("under a second:", elapsed < 1.0)
print("elapsed", round(elapsed, 3))
t0 = time.perf_counter()
time.sleep(0.05)
print("perf_counter ok:", time.perf_counter() - t0 >= 0.05)
print(type(time.time()).__name__, time.monotonic() > 0)
