# Process.start -> the child's first instruction, 50 times (one child at a time).
import time
from multiprocessing import Process


def child(t0):
    print(f"{(time.perf_counter() - t0) * 1000:.3f}")


if __name__ == "__main__":
    for _ in range(50):
        p = Process(target=child, args=(time.perf_counter(),))
        p.start()
        p.join()
