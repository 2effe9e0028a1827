# checks: ThreadPoolExecutor: thread names, map order, initializer, cancel of a call still waiting, shutdown
import threading
import time
from concurrent.futures import ThreadPoolExecutor

seen = []


def setup(tag):
    seen.append((tag, threading.current_thread().name))


def work(n):
    time.sleep(0.05 * (3 - n % 3))
    return n * n, threading.current_thread().name


if __name__ == '__main__':
    with ThreadPoolExecutor(max_workers=2, initializer=setup, initargs=('init',)) as ex:
        print(list(ex.map(work, range(3))))
    print(sorted(seen))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix='solo') as ex:
        a = ex.submit(time.sleep, 0.1)
        b = ex.submit(work, 4)
        print(b.cancel(), b.cancelled(), a.cancel())
        print(a.result(), a.done())
    try:
        b.result()
    except Exception as e:
        print('cancelled future:', type(e).__name__)
    ex = ThreadPoolExecutor(3)
    print(ex.submit(sum, [1, 2, 3]).result())
    ex.shutdown()
    print(threading.active_count(), threading.Thread().name)
