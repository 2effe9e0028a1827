# checks: Condition: a consumer waits for a shared value to become ready; producer notifies
import time
from multiprocessing import Process, Condition, Value

def consumer(cond, ready):
    with cond:
        print("consumer: waiting")
        cond.wait_for(lambda: ready.value == 1)
        print("consumer: saw ready")

def producer(cond, ready):
    time.sleep(0.15)
    with cond:
        ready.value = 1
        print("producer: notifying")
        cond.notify_all()

if __name__ == "__main__":
    cond, ready = Condition(), Value("i", 0)
    c = Process(target=consumer, args=(cond, ready))
    p = Process(target=producer, args=(cond, ready))
    c.start()
    p.start()
    c.join()
    p.join()
    print("done")
