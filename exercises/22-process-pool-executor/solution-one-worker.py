import time
from concurrent.futures import ProcessPoolExecutor, as_completed

JOBS = {"a": 0.5, "b": 0.1, "c": 0.2, "d": 0.3}  # name -> seconds of work


def work(name):
    time.sleep(JOBS[name])
    return name


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as pool:
        futures = [pool.submit(work, name) for name in JOBS]
        print("submitted", len(futures), "jobs, done so far:", sum(f.done() for f in futures))
        for f in as_completed(futures):
            print("finished", f.result())
        print("in submission order:", [f.result() for f in futures])
    print("pool shut down")
