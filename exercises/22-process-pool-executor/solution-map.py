import time
from concurrent.futures import ProcessPoolExecutor

JOBS = {"a": 0.5, "b": 0.1, "c": 0.2, "d": 0.3}  # name -> seconds of work


def work(name):
    time.sleep(JOBS[name])
    return name


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        print("map:", list(pool.map(work, JOBS)))
    print("pool shut down")
