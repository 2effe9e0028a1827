# checks: threading.Timer runs a function after a delay; cancel() prevents a second timer
import threading, time

def ring(label):
    print("timer fired:", label)

t1 = threading.Timer(0.1, ring, args=("first",))
t2 = threading.Timer(0.2, ring, args=("cancelled",))
t1.start()
t2.start()
print("timers started")
t2.cancel()
t1.join()
t2.join()
print("done, t2 finished:", t2.finished.is_set())
