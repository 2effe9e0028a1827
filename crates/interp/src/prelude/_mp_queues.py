# multiprocessing.queues for proclab: Queue, SimpleQueue and JoinableQueue are kernel queues
# (vm/ipc.rs); an item is pickled when put and unpickled when got, as CPython's feeder thread and
# get() do. Blocking, timeouts and queue.Empty / queue.Full come from the kernel.

import queue as _queue
import _proclab

_counts = {}


def _label(kind):
    """A name for the page's shared-objects view: Queue-1, Lock-2, ..."""
    n = _counts.get(kind, 0) + 1
    _counts[kind] = n
    return '%s-%d' % (kind, n)


def _feeder_error(e):
    """CPython pickles a Queue's items in a feeder thread: an unpicklable item is reported there
    (a traceback on stderr, whose frames are CPython's own) and dropped; put() returns."""
    import sys
    sys.stderr.write('Traceback (most recent call last):\n')
    sys.stderr.write(_proclab.format_exc(e).splitlines()[-1] + '\n')


class _ExceptionWithTraceback:
    """An exception raised by a call in a pool's worker (Pool, ProcessPoolExecutor), sent with
    its traceback's text: the parent raises it with that text as its cause, so that its
    traceback shows where the worker failed."""

    def __init__(self, exc):
        self.exc = exc
        self.tb = '\n"""\n%s"""' % _proclab.format_exc(exc)

    def rebuild(self, remote_traceback):
        """The exception, its cause a `remote_traceback` (the pool's exception class) of the text."""
        self.exc.__cause__ = remote_traceback(self.tb)
        return self.exc


class Queue:
    # CPython refuses to pickle a queue: it is shared by inheritance only.
    _pl_nopickle = 'Queue'
    _joinable = False

    def __init__(self, maxsize=0, *, ctx=None):
        if maxsize <= 0:
            maxsize = 0
        self._maxsize = maxsize
        self._closed = False
        self._h = _proclab.create('queue', _label(type(self).__name__), maxsize, self._joinable)

    def _check_closed(self):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")

    def put(self, obj, block=True, timeout=None):
        self._check_closed()
        try:
            if self._maxsize:
                _proclab.put(self._h, obj, block, timeout)
            else:
                # Never blocks: the process goes on at once (its worker sends the item on).
                _proclab.put_async(self._h, obj)
        except _queue.Full:
            raise
        except Exception as e:
            _feeder_error(e)

    def get(self, block=True, timeout=None):
        self._check_closed()
        return _proclab.get(self._h, block, timeout)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return _proclab.query(self._h, 'size')

    def empty(self):
        return _proclab.query(self._h, 'empty')

    def full(self):
        return _proclab.query(self._h, 'full')

    def close(self):
        self._closed = True

    def join_thread(self):
        assert self._closed, "Queue {0!r} not closed".format(self)

    def cancel_join_thread(self):
        pass


class JoinableQueue(Queue):
    _joinable = True

    def task_done(self):
        _proclab.task_done(self._h)

    def join(self):
        _proclab.queue_join(self._h)


class SimpleQueue:
    _pl_nopickle = 'Queue'

    def __init__(self, *, ctx=None):
        self._closed = False
        self._h = _proclab.create('queue', _label('SimpleQueue'), 0, False)

    def put(self, obj):
        _proclab.put_async(self._h, obj)

    def get(self):
        return _proclab.get(self._h, True, None)

    def empty(self):
        return _proclab.query(self._h, 'empty')

    def close(self):
        self._closed = True
