import time
from multiprocessing import Pool


def slow_square(x):
    time.sleep(0.1 * x)
    return x * x


def divide(a, b):
    return a / b


def report(result):
    print("callback got", result)


if __name__ == "__main__":
    with Pool(3) as pool:
        handles = [pool.apply_async(slow_square, (x,), callback=report) for x in (1, 2, 3)]
        print("main: submitted three jobs, not waiting yet")
        print("results:", [h.get() for h in handles])

        bad = pool.apply_async(divide, (1, 0))
        # The worker survives the error; get() re-raises it here, in the main process.
        print("1 / 0 =", bad.get(timeout=1))
