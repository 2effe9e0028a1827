# multiprocessing.dummy for proclab: the multiprocessing API on green threads (vm/threads.rs),
# as CPython's: Process is a thread, Pool a ThreadPool, current_process() the current thread.

import threading
from multiprocessing.pool import ThreadPool
from queue import Queue, Empty, Full
from threading import Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier
from threading import current_thread as current_process
from multiprocessing import TimeoutError, cpu_count

__all__ = [
    'Process', 'current_process', 'active_children', 'freeze_support', 'Lock', 'RLock', 'Semaphore',
    'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'Queue', 'Manager', 'Pipe', 'Pool',
    'JoinableQueue', 'Value', 'Namespace',
]


class DummyProcess(threading.Thread):
    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}):
        threading.Thread.__init__(self, group, target, name, args, kwargs)
        self._pid = None
        self._children = {}
        self._start_called = False
        self._parent = current_process()

    def start(self):
        if self._parent is not current_process():
            raise RuntimeError("Parent is {0!r} but current_process is {1!r}".format(self._parent, current_process()))
        self._start_called = True
        if hasattr(self._parent, '_children'):
            self._parent._children[self] = None
        threading.Thread.start(self)

    @property
    def exitcode(self):
        if self._start_called and not self.is_alive():
            return 0
        return None


Process = DummyProcess
JoinableQueue = Queue


def active_children():
    children = getattr(current_process(), '_children', {})
    for p in list(children):
        if not p.is_alive():
            children.pop(p, None)
    return list(children)


def freeze_support():
    pass


class Namespace:
    def __init__(self, **kwds):
        for k, v in kwds.items():
            setattr(self, k, v)

    def __repr__(self):
        items = sorted('%s=%r' % (k, v) for k, v in vars(self).items() if not k.startswith('_'))
        return '%s(%s)' % (type(self).__name__, ', '.join(items))


class Value:
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value):
        self._value = value

    def __repr__(self):
        return '<%s(%r, %r)>' % (type(self).__name__, self._typecode, self._value)


class _Manager:
    """What multiprocessing.dummy.Manager() gives: plain objects shared by the threads."""

    def list(self, seq=()):
        return list(seq)

    def dict(self, *args, **kwds):
        return dict(*args, **kwds)

    Namespace = Namespace
    Value = Value
    Queue = Queue
    JoinableQueue = Queue
    Lock = Lock
    RLock = RLock
    Semaphore = Semaphore
    BoundedSemaphore = BoundedSemaphore
    Event = Event
    Condition = Condition
    Barrier = Barrier

    def shutdown(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def Manager():
    return _Manager()


def Pipe(duplex=True):
    # Not CPython's (a pair of connections over thread queues): a multiprocessing Pipe works too.
    from multiprocessing import Pipe as _Pipe
    return _Pipe(duplex)


def Pool(processes=None, initializer=None, initargs=()):
    return ThreadPool(processes, initializer, initargs)
