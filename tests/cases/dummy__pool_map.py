# checks: multiprocessing.dummy.Pool has the Pool API but runs threads in the same process
import os
from multiprocessing.dummy import Pool, current_process

def info(x):
    return x * x, os.getpid(), current_process().name

if __name__ == "__main__":
    with Pool(3) as p:
        rows = p.map(info, range(6))
    print([sq for sq, _, _ in rows])
    print("same pid as main:", all(pid == os.getpid() for _, pid, _ in rows))
    print("workers are threads named Thread-N:", all(name.startswith("Thread-") for _, _, name in rows))
