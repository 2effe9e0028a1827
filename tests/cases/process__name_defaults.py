# checks: default process names Process-1, Process-2..., custom names, name set after creation
from multiprocessing import Process, current_process

def show():
    print("in child:", current_process().name)

if __name__ == "__main__":
    print("main is", current_process().name)
    procs = [Process(target=show) for _ in range(3)]
    print([p.name for p in procs])
    named = Process(target=show, name="worker-A")
    renamed = Process(target=show)
    renamed.name = "renamed"
    for p in procs + [named, renamed]:
        p.start()
        p.join()
    print([p.name for p in procs + [named, renamed]])
