# checks: calling task_done() more times than items were put raises ValueError
from multiprocessing import JoinableQueue

if __name__ == "__main__":
    q = JoinableQueue()
    q.put("only")
    print("got", q.get())
    q.task_done()
    q.join()
    print("joined once")
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
