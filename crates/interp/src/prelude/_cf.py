# concurrent.futures for proclab: Future, as_completed, wait, ThreadPoolExecutor and
# ProcessPoolExecutor, as CPython 3.11 behaves where a program can see it (worker and thread
# names, result order, errors with the worker's traceback, done callbacks, shutdown).
#
# ThreadPoolExecutor: threads of this process ("ThreadPoolExecutor-N_M"), each started when a task
# arrives and no thread is idle, as in CPython.
# ProcessPoolExecutor: its max_workers processes ("ForkProcess-N") start at the first submit, as
# CPython's do under fork; they take calls from a kernel queue and put results on another. Calls
# go to the queue as they are submitted (CPython's manager thread feeds a few at a time), so a
# submitted call is running at once and cannot be cancelled. This process collects results
# whenever it looks at a future or waits (result, done, as_completed, wait, map, shutdown); done
# callbacks run then, where CPython runs them on its manager thread.

import collections
import os
import time
import threading
import queue as _queue
import _proclab

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: 'pending', RUNNING: 'running', CANCELLED: 'cancelled',
    CANCELLED_AND_NOTIFIED: 'cancelled', FINISHED: 'finished',
}
_DONE = (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)


__all__ = (
    'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', 'CancelledError', 'TimeoutError',
    'InvalidStateError', 'BrokenExecutor', 'Future', 'Executor', 'wait', 'as_completed',
    'ProcessPoolExecutor', 'ThreadPoolExecutor',
)

TimeoutError = TimeoutError


class Error(Exception):
    __module__ = 'concurrent.futures._base'


class CancelledError(Error):
    __module__ = 'concurrent.futures._base'


class InvalidStateError(Error):
    __module__ = 'concurrent.futures._base'


class BrokenExecutor(RuntimeError):
    __module__ = 'concurrent.futures._base'


class BrokenThreadPool(BrokenExecutor):
    __module__ = 'concurrent.futures.thread'


class BrokenProcessPool(BrokenExecutor):
    __module__ = 'concurrent.futures.process'


class _RemoteTraceback(Exception):
    __module__ = 'concurrent.futures.process'

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


# How many futures have finished (each keeps its rank: as_completed yields in that order), and a
# condition notified at each, which waits for threads' futures use.
_finished_count = 0
_any_finished = threading.Condition()


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._done_callbacks = []
        self._order = 0
        # A ProcessPoolExecutor's futures: the executor, whose results this process collects,
        # and whether the call is on its way to a worker (then it cannot be cancelled).
        self._pool = None
        self._sent = False

    def __repr__(self):
        state = _STATE_TO_DESCRIPTION_MAP[self._state]
        if self._state == FINISHED:
            if self._exception:
                return '<%s at %#x state=%s raised %s>' % (
                    self.__class__.__name__, id(self), state, self._exception.__class__.__name__)
            return '<%s at %#x state=%s returned %s>' % (
                self.__class__.__name__, id(self), state, self._result.__class__.__name__)
        return '<%s at %#x state=%s>' % (self.__class__.__name__, id(self), state)

    def _poll(self):
        if self._pool is not None and self._state not in _DONE:
            _poll_pool(self._pool)

    def cancel(self):
        self._poll()
        with self._condition:
            if self._state in [RUNNING, FINISHED] or self._sent and self._state == PENDING:
                return False
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._finished()
        return True

    def cancelled(self):
        return self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]

    def running(self):
        self._poll()
        return self._state == RUNNING

    def done(self):
        self._poll()
        return self._state in _DONE

    def _finished(self):
        global _finished_count
        _finished_count += 1
        self._order = _finished_count
        with _any_finished:
            _any_finished.notify_all()
        for callback in self._done_callbacks:
            _call_back(callback, self)

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in _DONE:
                self._done_callbacks.append(fn)
                return
        _call_back(fn, self)

    def _wait(self, timeout):
        """Waits until done or `timeout` seconds have passed; True if done."""
        if self._state in _DONE:
            return True
        if self._pool is not None:
            return _collect_until(self._pool, lambda: self._state in _DONE, timeout)
        with self._condition:
            if self._state not in _DONE:
                self._condition.wait(timeout)
        return self._state in _DONE

    def _finish_wait(self, timeout):
        """Waits for the call to finish: CancelledError or TimeoutError when it will not."""
        if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
            raise CancelledError()
        if not self._wait(timeout):
            raise TimeoutError()
        if self._state != FINISHED:
            raise CancelledError()

    def result(self, timeout=None):
        self._finish_wait(timeout)
        if self._exception:
            raise self._exception
        return self._result

    def exception(self, timeout=None):
        self._finish_wait(timeout)
        return self._exception

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                return False
            if self._state == PENDING:
                self._state = RUNNING
                return True
            raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        with self._condition:
            if self._state in _DONE:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._state = FINISHED
            self._condition.notify_all()
        self._finished()

    def set_exception(self, exception):
        with self._condition:
            if self._state in _DONE:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._exception = exception
            self._state = FINISHED
            self._condition.notify_all()
        self._finished()


def _call_back(fn, future):
    try:
        fn(future)
    except Exception:
        # CPython logs it (logging's last-resort handler writes to stderr) and goes on.
        _proclab.write_stderr('exception calling callback for %r\n' % (future,) + _proclab.format_exc(None))


# One thread at a time takes a process pool's results in (its `_collector` lock); the others
# wait for the futures it finishes. Two threads blocked on the same results could each wait for
# a result the other took.

def _collected(pool):
    pool._collector.release()
    with _any_finished:
        _any_finished.notify_all()


def _collect_until(pool, ready, timeout):
    """Collects a process pool's results until ready() or the timeout; returns ready()."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while not ready():
        left = None
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
        if not pool._collector.acquire(False):
            with _any_finished:
                if not ready() and pool._collector.locked():
                    _any_finished.wait(left)
            continue
        try:
            pool._collect(True, left)
        except _queue.Empty:
            return ready()
        finally:
            _collected(pool)
    return True


def _poll_pool(pool):
    """Takes in the results that are there, unless another thread is collecting."""
    if pool._collector.acquire(False):
        try:
            pool._collect(False, None)
        finally:
            _collected(pool)


def _poll_all(fs):
    """Collects the results that are in for the process pools of `fs`, one call per pool."""
    for p in set(f._pool for f in fs if f._pool is not None and f._state not in _DONE):
        _poll_pool(p)


def _wait_any(fs, timeout):
    """Blocks until one of the not-done futures `fs` is done or the timeout passes."""
    pools = set(f._pool for f in fs)
    if None not in pools and len(pools) == 1:
        _collect_until(pools.pop(), lambda: any(f._state in _DONE for f in fs), timeout)
        return
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        _poll_all(fs)
        with _any_finished:
            if any(f._state in _DONE for f in fs):
                return
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return
            if len(pools) > 1:
                # Threads' futures and a process pool's: look at the pool again soon.
                left = 0.005 if left is None else min(left, 0.005)
            _any_finished.wait(left)


def as_completed(fs, timeout=None):
    if timeout is not None:
        end_time = timeout + time.monotonic()
    fs = list(dict.fromkeys(fs))
    total = len(fs)
    _poll_all(fs)
    done = sorted([f for f in fs if f._state in _DONE], key=lambda f: f._order)
    pending = [f for f in fs if f._state not in _DONE]
    yield from done
    while pending:
        wait_timeout = None
        if timeout is not None:
            wait_timeout = end_time - time.monotonic()
            if wait_timeout < 0:
                raise TimeoutError('%d (of %d) futures unfinished' % (len(pending), total))
        _wait_any(pending, wait_timeout)
        done = sorted([f for f in pending if f._state in _DONE], key=lambda f: f._order)
        pending = [f for f in pending if f._state not in _DONE]
        yield from done


DoneAndNotDoneFutures = collections.namedtuple('DoneAndNotDoneFutures', 'done not_done')


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    deadline = None if timeout is None else time.monotonic() + timeout

    def enough():
        _poll_all(fs)
        done = [f for f in fs if f._state in _DONE]
        if return_when == FIRST_COMPLETED and done:
            return True
        if return_when == FIRST_EXCEPTION and any(
                f._state == FINISHED and f._exception is not None for f in done):
            return True
        return len(done) == len(fs)

    while not enough():
        left = None
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                break
        _wait_any([f for f in fs if f._state not in _DONE], left)
    done = set(f for f in fs if f._state in _DONE)
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        return fut.result(timeout)
    finally:
        fut.cancel()


class Executor:
    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + time.monotonic()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - time.monotonic())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


# Executors not shut down yet, with the pid of the process that made each: the program's end
# shuts down that process's own (CPython's _python_exit), not the copies a child inherited.
_live = []


def _python_exit():
    me = os.getpid()
    for pid, executor in _live[::-1]:
        if pid == me:
            executor.shutdown(wait=True)


def _forget(executor):
    for entry in _live:
        if entry[1] is executor:
            _live.remove(entry)
            return


# ----- threads -----

_thread_pools = 0


def _thread_worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _proclab.write_stderr('Exception in initializer:\n' + _proclab.format_exc(None))
            executor._initializer_failed()
            return
    while True:
        item = work_queue.get(block=True)
        if item is not None:
            future, fn, args, kwargs = item
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args, **kwargs)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
            executor._idle_semaphore.release()
            continue
        if executor._shutdown:
            work_queue.put(None)
            return


class ThreadPoolExecutor(Executor):
    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        global _thread_pools
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = _queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._broken = False
        self._shutdown = False
        if not thread_name_prefix:
            thread_name_prefix = 'ThreadPoolExecutor-%d' % _thread_pools
            _thread_pools += 1
        self._thread_name_prefix = thread_name_prefix
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            raise BrokenThreadPool(self._broken)
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        f = Future()
        self._work_queue.put((f, fn, args, kwargs))
        self._adjust_thread_count()
        return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        n = len(self._threads)
        if n < self._max_workers:
            if not self._threads:
                threading._register_atexit(_python_exit)
                _live.append((os.getpid(), self))
            t = threading.Thread(name='%s_%d' % (self._thread_name_prefix, n), target=_thread_worker,
                                 args=(self, self._work_queue, self._initializer, self._initargs))
            t.start()
            self._threads.append(t)

    def _waiting_futures(self):
        """The futures of the calls no thread has taken yet, which are taken off the queue."""
        futures = []
        while True:
            try:
                item = self._work_queue.get_nowait()
            except _queue.Empty:
                return futures
            if item is not None:
                futures.append(item[0])

    def _initializer_failed(self):
        self._broken = ('A thread initializer failed, the thread pool is not usable anymore')
        for f in self._waiting_futures():
            f.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if cancel_futures:
            for f in self._waiting_futures():
                f.cancel()
        self._work_queue.put(None)
        _forget(self)
        if wait:
            for t in self._threads:
                t.join()


# ----- processes -----

def _process_worker(calls, results, initializer, initargs):
    from multiprocessing.queues import _ExceptionWithTraceback
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _proclab.write_stderr('Exception in initializer:\n' + _proclab.format_exc(None))
            _proclab.put_async(results, None)
            return
    while True:
        call = _proclab.get(calls, True, None)
        if call is None:
            return
        work_id, fn, args, kwargs = call
        try:
            r = (work_id, True, fn(*args, **kwargs))
        except BaseException as e:
            r = (work_id, False, _ExceptionWithTraceback(e))
        try:
            _proclab.put_async(results, r)
        except Exception as e:
            _proclab.put_async(results, (work_id, False, _ExceptionWithTraceback(e)))


def _process_chunk(fn, chunk):
    return [fn(*args) for args in chunk]


class ProcessPoolExecutor(Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            elif max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_workers = max_workers
        self._initializer = initializer
        self._initargs = initargs
        self._processes = {}
        self._pending = {}
        self._got = []
        self._ids = 0
        self._broken = False
        self._shutdown_thread = False
        self._calls = None
        self._collector = threading.Lock()
        self._start_lock = threading.Lock()

    def _start(self):
        from multiprocessing.queues import _label
        import multiprocessing
        name = _label('ProcessPoolExecutor')
        self._calls = _proclab.create('queue', name + ' calls', 0, False)
        self._results = _proclab.create('queue', name + ' results', 0, False)
        # CPython's pool has a manager thread, which takes the next thread number.
        threading._newname('Thread-%d')
        for _ in range(self._max_workers):
            p = multiprocessing.Process(target=_process_worker,
                                        args=(self._calls, self._results, self._initializer, self._initargs))
            p.name = p.name.replace('Process', 'ForkProcess')
            p.start()
            self._processes[p.pid] = p
        multiprocessing._exit_hooks.append(_python_exit)
        _live.append((os.getpid(), self))

    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            raise BrokenProcessPool(self._broken)
        if self._shutdown_thread:
            raise RuntimeError('cannot schedule new futures after shutdown')
        with self._start_lock:
            if self._calls is None:
                self._start()
        f = Future()
        f._pool = self
        self._ids += 1
        try:
            _proclab.put_async(self._calls, (self._ids, fn, args, kwargs))
        except Exception as e:
            f.set_exception(e)
            return f
        f._sent = True
        self._pending[self._ids] = f
        return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        items = list(zip(*iterables))
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        results = super().map(_process_chunk, [fn] * len(chunks), chunks, timeout=timeout)

        def flat():
            for chunk in results:
                yield from chunk
        return flat()

    def _collect(self, block, timeout):
        """Takes the results that are in (at least one if `block`, raising queue.Empty after
        `timeout` seconds) and finishes their futures."""
        if not self._pending:
            if block:
                raise _queue.Empty
            return
        if not self._got:
            try:
                self._got = _proclab.get_many(self._results, block, timeout, 1)[::-1]
            except _queue.Empty:
                if block:
                    raise
                return
        while self._got:
            r = self._got.pop()
            if r is None:
                self._broken = ('A child process terminated abruptly, the process pool is not '
                                'usable anymore')
                for f in self._pending.values():
                    f.set_exception(BrokenProcessPool(
                        'A process in the process pool was terminated abruptly while the '
                        'future was running or pending.'))
                self._pending.clear()
                return
            work_id, ok, value = r
            f = self._pending.pop(work_id, None)
            if f is None:
                continue
            if ok:
                f.set_result(value)
            else:
                f.set_exception(value.rebuild(_RemoteTraceback))

    def shutdown(self, wait=True, *, cancel_futures=False):
        if self._shutdown_thread:
            return
        self._shutdown_thread = True
        _forget(self)
        if self._calls is None:
            return
        if wait:
            _collect_until(self, lambda: not self._pending, None)
        for _ in self._processes:
            _proclab.put_async(self._calls, None)
        if wait:
            for p in self._processes.values():
                p.join()
