# checks: AsyncResult.get(timeout) raises multiprocessing.TimeoutError while the task still runs
import time
import multiprocessing
from multiprocessing import Pool

def slow(x):
    time.sleep(0.3)
    return x + 1

if __name__ == "__main__":
    with Pool(1) as p:
        r = p.apply_async(slow, (41,))
        try:
            r.get(timeout=0.05)
        except multiprocessing.TimeoutError as e:
            print("TimeoutError caught:", type(e).__name__, isinstance(e, multiprocessing.TimeoutError))
        print("ready:", r.ready())
        print("result:", r.get(timeout=2))
        print("ready:", r.ready(), "successful:", r.successful())
