# queue.Queue / LifoQueue / PriorityQueue / SimpleQueue for green threads (vm/threads.rs):
# blocking get/put with timeouts and task_done/join, as CPython 3.11's queue module. The mutex
# and the three conditions are VM objects used directly (no `threading` import), so importing
# `queue` stays cheap for programs without threads.

import _proclab
from time import monotonic as _time
from queue import Empty, Full


class Queue:
    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        label = _proclab.th_label('Queue')
        self._mutex = _proclab.th_lock_new(label, False)
        self._not_empty = _proclab.th_cond_new(label)
        self._not_full = _proclab.th_cond_new(label)
        self._all_tasks_done = _proclab.th_cond_new(label)
        self.unfinished_tasks = 0

    def _lock(self):
        _proclab.th_lock_acquire(self._mutex, True, -1)

    def _unlock(self):
        _proclab.th_lock_release(self._mutex)

    def _wait(self, cond, timeout=None):
        return _proclab.th_cond_wait(cond, self._mutex, -1 if timeout is None else timeout)

    def task_done(self):
        self._lock()
        try:
            unfinished = self.unfinished_tasks - 1
            if unfinished <= 0:
                if unfinished < 0:
                    raise ValueError('task_done() called too many times')
                _proclab.th_cond_notify(self._all_tasks_done, -1)
            self.unfinished_tasks = unfinished
        finally:
            self._unlock()

    def join(self):
        self._lock()
        try:
            while self.unfinished_tasks:
                self._wait(self._all_tasks_done)
        finally:
            self._unlock()

    def qsize(self):
        self._lock()
        try:
            return self._qsize()
        finally:
            self._unlock()

    def empty(self):
        self._lock()
        try:
            return not self._qsize()
        finally:
            self._unlock()

    def full(self):
        self._lock()
        try:
            return 0 < self.maxsize <= self._qsize()
        finally:
            self._unlock()

    def put(self, item, block=True, timeout=None):
        self._lock()
        try:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self._wait(self._not_full)
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    endtime = _time() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = endtime - _time()
                        if remaining <= 0.0:
                            raise Full
                        self._wait(self._not_full, remaining)
            self._put(item)
            self.unfinished_tasks += 1
            _proclab.th_cond_notify(self._not_empty, 1)
        finally:
            self._unlock()

    def get(self, block=True, timeout=None):
        self._lock()
        try:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self._wait(self._not_empty)
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                endtime = _time() + timeout
                while not self._qsize():
                    remaining = endtime - _time()
                    if remaining <= 0.0:
                        raise Empty
                    self._wait(self._not_empty, remaining)
            item = self._get()
            _proclab.th_cond_notify(self._not_full, 1)
            return item
        finally:
            self._unlock()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop(0)


class PriorityQueue(Queue):
    def _put(self, item):
        # Insert after equal items (a binary search keeps put O(log n) comparisons).
        q = self.queue
        lo, hi = 0, len(q)
        while lo < hi:
            mid = (lo + hi) // 2
            if item < q[mid]:
                hi = mid
            else:
                lo = mid + 1
        q.insert(lo, item)

    def _get(self):
        return self.queue.pop(0)


class LifoQueue(Queue):
    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    """Unbounded FIFO without task tracking (CPython's _queue.SimpleQueue)."""

    def __init__(self):
        self._queue = []
        label = _proclab.th_label('SimpleQueue')
        self._mutex = _proclab.th_lock_new(label, False)
        self._not_empty = _proclab.th_cond_new(label)

    def put(self, item, block=True, timeout=None):
        _proclab.th_lock_acquire(self._mutex, True, -1)
        try:
            self._queue.append(item)
            _proclab.th_cond_notify(self._not_empty, 1)
        finally:
            _proclab.th_lock_release(self._mutex)

    def get(self, block=True, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        _proclab.th_lock_acquire(self._mutex, True, -1)
        try:
            if not block:
                if not self._queue:
                    raise Empty
            elif timeout is None:
                while not self._queue:
                    _proclab.th_cond_wait(self._not_empty, self._mutex, -1)
            else:
                endtime = _time() + timeout
                while not self._queue:
                    remaining = endtime - _time()
                    if remaining <= 0.0:
                        raise Empty
                    _proclab.th_cond_wait(self._not_empty, self._mutex, remaining)
            return self._queue.pop(0)
        finally:
            _proclab.th_lock_release(self._mutex)

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        return len(self._queue) == 0

    def qsize(self):
        return len(self._queue)
