# checks: ThreadPoolExecutor: a failing initializer breaks the pool (BrokenThreadPool), shutdown(cancel_futures=True) cancels the calls no thread has taken
import time, threading
from concurrent.futures import ThreadPoolExecutor, CancelledError
def init():
    raise OSError('no init')
ex = ThreadPoolExecutor(1, initializer=init)
f = ex.submit(print, 'x')
time.sleep(0.1)
g = None
try:
    ex.submit(print, 'y')
except Exception as e:
    print(type(e).__name__, e)
print(type(f.exception()).__name__)
ex2 = ThreadPoolExecutor(1)
a = ex2.submit(time.sleep, 0.1); b = ex2.submit(print, 'b'); c = ex2.submit(print, 'c')
ex2.shutdown(cancel_futures=True)
print(a.done(), b.cancelled(), c.cancelled())
try:
    b.result()
except CancelledError:
    print('b cancelled')
