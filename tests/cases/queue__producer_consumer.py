# checks: producer and consumer processes connected by a Queue, a None sentinel ends the consumer
import time
from multiprocessing import Process, Queue

def producer(q):
    for i in range(5):
        q.put(f"item-{i}")
        time.sleep(0.01)
    q.put(None)

def consumer(q):
    while True:
        item = q.get()
        if item is None:
            print("consumer: sentinel received")
            break
        print("consumer got", item)

if __name__ == "__main__":
    q = Queue()
    procs = [Process(target=producer, args=(q,)), Process(target=consumer, args=(q,))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("exitcodes", [p.exitcode for p in procs])
