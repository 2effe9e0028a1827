# checks: get(timeout=...), get(block=False) and get_nowait() raise queue.Empty on an empty Queue
import queue
from multiprocessing import Queue

if __name__ == "__main__":
    q = Queue()
    for how in ["timeout", "block=False", "get_nowait"]:
        try:
            if how == "timeout":
                q.get(timeout=0.1)
            elif how == "block=False":
                q.get(block=False)
            else:
                q.get_nowait()
        except queue.Empty as e:
            print(how, "-> queue.Empty", repr(e))
    q.put(7)
    print("get with timeout after put:", q.get(timeout=1))
