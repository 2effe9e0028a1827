# multiprocessing.synchronize for proclab: locks, semaphores, events, conditions and barriers
# are kernel objects (vm/ipc.rs); blocking and timeouts happen in the kernel. What the kernel does
# not report (who holds a lock, a semaphore's value) is tracked per process for the reprs.

import time
import _proclab
from multiprocessing.queues import _label


from threading import BrokenBarrierError


def _me():
    import multiprocessing
    return multiprocessing.current_process().name


class Lock:
    _pl_nopickle = 'Lock'

    def __init__(self, *, ctx=None):
        self._h = _proclab.create('lock', _label('Lock'))
        self._mine = 0

    def acquire(self, block=True, timeout=None):
        ok = _proclab.acquire(self._h, block, timeout)
        if ok:
            self._mine += 1
        return ok

    def release(self):
        _proclab.release(self._h)
        if self._mine:
            self._mine -= 1

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        return self.release()

    def __repr__(self):
        return '<Lock(owner=%s)>' % (_me() if self._mine else None)


class RLock(Lock):
    def __init__(self, *, ctx=None):
        self._h = _proclab.create('rlock', _label('RLock'))
        self._mine = 0

    def __repr__(self):
        if self._mine:
            return '<RLock(%s, %d)>' % (_me(), self._mine)
        return '<RLock(None, 0)>'


class Semaphore:
    _pl_nopickle = 'Semaphore'
    _bounded = False

    def __init__(self, value=1, *, ctx=None):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._h = _proclab.create('semaphore', _label(type(self).__name__), value, self._bounded)
        self._value = value
        self._maxvalue = value

    def acquire(self, block=True, timeout=None):
        ok = _proclab.acquire(self._h, block, timeout)
        if ok:
            self._value -= 1
        return ok

    def release(self):
        _proclab.release(self._h)
        self._value += 1

    def get_value(self):
        # Tracked in this process (the kernel has no query for it).
        return max(self._value, 0)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        return self.release()

    def __repr__(self):
        return '<%s(value=%s)>' % (type(self).__name__, self.get_value())


class BoundedSemaphore(Semaphore):
    _bounded = True

    def __repr__(self):
        return '<BoundedSemaphore(value=%s, maxvalue=%s)>' % (self.get_value(), self._maxvalue)


class Event:
    _pl_nopickle = 'Condition'

    def __init__(self, *, ctx=None):
        self._h = _proclab.create('event', _label('Event'))

    def is_set(self):
        return _proclab.event_is_set(self._h)

    def set(self):
        _proclab.event_set(self._h)

    def clear(self):
        _proclab.event_clear(self._h)

    def wait(self, timeout=None):
        return _proclab.event_wait(self._h, timeout)


class Condition:
    _pl_nopickle = 'Condition'

    def __init__(self, lock=None, *, ctx=None):
        self._lock = lock or RLock()
        self._h = _proclab.create('condition', _label('Condition'))

    def acquire(self, block=True, timeout=None):
        return self._lock.acquire(block, timeout)

    def release(self):
        self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def wait(self, timeout=None):
        return _proclab.cond_wait(self._h, self._lock._h, timeout)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result:
            return result
        endtime = None
        waittime = None
        if timeout is not None:
            endtime = time.monotonic() + timeout
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        assert self._lock._mine, 'lock is not owned'
        _proclab.cond_notify(self._h, n)

    def notify_all(self):
        self.notify(None)

    def __repr__(self):
        return '<Condition(%r, 0)>' % (self._lock,)


class Barrier:
    _pl_nopickle = 'Barrier'

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._broken = False
        self._h = _proclab.create('barrier', _label('Barrier'), parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        try:
            index = _proclab.barrier_wait(self._h, timeout)
        except BrokenBarrierError:
            self._broken = True
            raise
        if index == 0 and self._action is not None:
            self._action()
        return index

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return 0

    @property
    def broken(self):
        # As far as this process has seen (the kernel has no query for it).
        return self._broken

    def __repr__(self):
        return '<multiprocessing.synchronize.Barrier at %s: waiters=0/%d>' % (hex(id(self)), self._parties)
