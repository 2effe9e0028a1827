import time
from multiprocessing import Pool, TimeoutError


def slow_square(x):
    time.sleep(0.1 * x)
    return x * x


def report(result):
    print("callback got", result)


if __name__ == "__main__":
    with Pool(3) as pool:
        handles = [pool.apply_async(slow_square, (x,), callback=report) for x in (1, 2, 3)]
        print("main: submitted three jobs, not waiting yet")
        print("results:", [h.get() for h in handles])

        late = pool.apply_async(slow_square, (5,))
        try:
            print("late result:", late.get(timeout=1))  # 0.5 s of work fits in 1 s
        except TimeoutError:
            print("main: gave up after 1 s (TimeoutError)")
