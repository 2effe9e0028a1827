# checks: pool workers are separate processes (at most 2 distinct pids), named ForkPoolWorker-N
import os
from multiprocessing import Pool, current_process

def whoami(_):
    return os.getpid(), current_process().name.split("-")[0]

if __name__ == "__main__":
    with Pool(2) as p:
        info = p.map(whoami, range(20))
    pids = {pid for pid, _ in info}
    print("distinct worker pids <= 2:", 1 <= len(pids) <= 2)
    print("parent not a worker:", os.getpid() not in pids)
    print("worker name prefix:", sorted({name for _, name in info}))
