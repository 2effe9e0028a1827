# checks: an uncaught exception in a thread prints "Exception in thread ..." with a traceback; main continues
import threading

def broken():
    raise RuntimeError("thread failed")

t = threading.Thread(target=broken)
t.start()
t.join()
print("main thread continues, alive:", t.is_alive())
