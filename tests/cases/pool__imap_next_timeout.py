# checks: IMapIterator.next(timeout) raises multiprocessing.TimeoutError until the next result is in, then StopIteration at the end; a failed task raises in its place and iteration goes on
import time
import multiprocessing
from multiprocessing import Pool


def slow(x):
    time.sleep(x)
    if x == 0.05:
        raise ValueError("bad %s" % x)
    return x


if __name__ == "__main__":
    with Pool(1) as p:
        it = p.imap(slow, [0.3, 0.05, 0.0])
        print(type(it).__name__)
        try:
            it.next(timeout=0.05)
        except multiprocessing.TimeoutError as e:
            print("timeout:", repr(e), isinstance(e, multiprocessing.TimeoutError))
        print("next(timeout=2):", it.next(timeout=2))
        try:
            next(it)
        except ValueError as e:
            print("task failed:", e)
        time.sleep(0.1)
        print("next(timeout=0) once in:", it.next(timeout=0))
        try:
            it.next(timeout=0.1)
        except StopIteration:
            print("StopIteration")
        try:
            next(it)
        except StopIteration:
            print("StopIteration again")

        u = p.imap_unordered(slow, [0.2, 0.0])
        print(type(u).__name__)
        try:
            u.next(timeout=0.05)
        except multiprocessing.TimeoutError:
            print("unordered timeout")
        print("unordered:", u.next(), u.next(timeout=1))
        try:
            u.next(timeout=0.01)
        except StopIteration:
            print("unordered StopIteration")

        # Without a timeout, next blocks until the result is in.
        t = time.monotonic()
        print("blocking next:", next(p.imap(slow, [0.25])), time.monotonic() - t >= 0.2)
