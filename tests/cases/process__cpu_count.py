# checks: multiprocessing.cpu_count() and os.cpu_count() agree and are positive
# args: --cpus 2
import os
import multiprocessing

if __name__ == "__main__":
    n = multiprocessing.cpu_count()
    print("cpu_count positive:", n >= 1)
    print("matches os.cpu_count:", n == os.cpu_count())
