# checks: as_completed yields futures as they finish, wait() with FIRST_COMPLETED / ALL_COMPLETED, done callbacks
import time
from concurrent.futures import ProcessPoolExecutor, as_completed, wait, FIRST_COMPLETED, ALL_COMPLETED


def nap(seconds):
    time.sleep(seconds)
    return seconds


if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=4) as ex:
        futures = {ex.submit(nap, s): s for s in (0.3, 0.1, 0.2)}
        for f in as_completed(futures):
            print('finished', futures[f], f.result())
        first = ex.submit(nap, 0.25)
        second = ex.submit(nap, 0.05)
        done, not_done = wait([first, second], return_when=FIRST_COMPLETED)
        print([f.result() for f in done], len(not_done))
        done, not_done = wait([first, second], return_when=ALL_COMPLETED)
        print(sorted(f.result() for f in done), not_done)
        last = ex.submit(nap, 0.1)
        last.add_done_callback(lambda f: print('callback got', f.result()))
    print('pool closed')
    last.add_done_callback(lambda f: print('late callback', f.done()))
