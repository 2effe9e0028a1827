# checks: Pool(maxtasksperchild=N): each worker leaves after N tasks (a chunk is one task) and a new ForkPoolWorker-K takes its place, K counting on
import os
import time
from multiprocessing import Pool, current_process


def who(x):
    time.sleep(0.05)
    return x, os.getpid(), int(current_process().name.split("-")[1])


def names(res):
    return sorted({n for _, _, n in res})


if __name__ == "__main__":
    with Pool(2, maxtasksperchild=1) as p:
        res = p.map(who, range(6), chunksize=1)
        print("results:", [x for x, _, _ in res])
        print("distinct pids for 6 tasks:", len({pid for _, pid, _ in res}))
        print("workers:", names(res))
        print("parent not a worker:", os.getpid() not in {pid for _, pid, _ in res})
        res = p.map(who, range(6), chunksize=3)
        pids = [pid for _, pid, _ in res]
        print("chunks of 3, one worker each:", len(set(pids[:3])) == 1 and len(set(pids[3:])) == 1,
              pids[0] != pids[3])
        print("workers:", names(res))

    with Pool(2, maxtasksperchild=2) as p:
        res = p.map(who, range(8), chunksize=1)
        pids = [pid for _, pid, _ in res]
        print("tasks per worker:", sorted(pids.count(pid) for pid in set(pids)))

    with Pool(1, maxtasksperchild=1) as p:
        res = list(p.imap(who, range(4)))
        first = res[0][2]
        print("imap, one worker after another:", [n - first for _, _, n in res])
        res = list(p.imap_unordered(who, range(3)))
        print("imap_unordered:", [x for x, _, _ in res], [n - first for _, _, n in res])

    p = Pool(2, maxtasksperchild=1)
    rs = [p.apply_async(who, (i,)) for i in range(5)]
    p.close()
    p.join()
    res = [r.get() for r in rs]
    print("apply_async then close/join:", [x for x, _, _ in res], len({pid for _, pid, _ in res}))
