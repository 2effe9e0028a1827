# multiprocessing.pool for proclab: worker processes ("ForkPoolWorker-N", started at Pool()) take
# tasks from a kernel queue and put results on another (vm/ipc.rs). There are no threads yet, so
# the parent collects results whenever it calls into the pool (get, wait, ready, join, map, the
# next item of imap...), and callbacks run then; CPython runs them on its result-handler thread.
#
# imap/imap_unordered iterators wait for results one at a time (imap: the next in input order;
# imap_unordered: whichever comes first), taking each time all those already waiting.
#
# maxtasksperchild: a worker leaves after that many tasks (a chunk is one task) and tags each
# result with its pid; the parent counts them and, the next time it goes for results or hands out
# tasks after a worker's last one, joins that worker and starts the next ForkPoolWorker-N.
#
# ThreadPool (and multiprocessing.dummy.Pool) run tasks on green threads of this process
# ("Thread-N (worker)"), with queue.Queue for tasks and results; nothing is pickled, as in CPython.

import os
import time
import queue as _queue
import _proclab
from multiprocessing.queues import _label, _ExceptionWithTraceback

RUN = 0
CLOSE = 1
TERMINATE = 2

_job_counter = 0


def _next_job():
    global _job_counter
    _job_counter += 1
    return _job_counter


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (self.__class__.__name__, self)


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


def _rebuild(obj):
    if not obj[0] and isinstance(obj[1], _ExceptionWithTraceback):
        return (False, obj[1].rebuild(RemoteTraceback))
    return obj


def _run_task(func, args, kind, wrap=False):
    try:
        if kind == 0:
            return (True, func(*args[0], **args[1]))
        if kind == 1:
            return (True, [func(x) for x in args])
        return (True, [func(*x) for x in args])
    except Exception as e:
        return (False, _ExceptionWithTraceback(e) if wrap else e)


def _worker(taskq, resultq, initializer, initargs, maxtasks=None):
    if initializer is not None:
        initializer(*initargs)
    # With maxtasks, each result also says which worker sent it (the parent counts them).
    tag = () if maxtasks is None else (os.getpid(),)
    done = 0
    while maxtasks is None or done < maxtasks:
        task = _proclab.get(taskq, True, None)
        if task is None:
            break
        job, i, func, args, kind = task
        result = _run_task(func, args, kind, True)
        done += 1
        try:
            _proclab.put_async(resultq, (job, i, result) + tag)
        except Exception as e:
            _proclab.put_async(resultq, (job, i, (False, MaybeEncodingError(e, result[1]))) + tag)


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._job = _next_job()
        self._ready = False
        self._success = None
        self._value = None
        self._callback = callback
        self._error_callback = error_callback
        pool._cache[self._job] = self

    def ready(self):
        if not self._ready and self._pool is not None:
            self._pool._drain()
        return self._ready

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        if not self._ready and self._pool is not None:
            self._pool._wait_for(self, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self._ready:
            import multiprocessing
            raise multiprocessing.TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._ready = True
        self._pool._cache.pop(self._job, None)
        self._pool = None


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._ready = True
            pool._cache.pop(self._job, None)
            self._pool = None
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                self._finish()
        else:
            if not success and self._success:
                self._success = False
                self._value = result
            if self._number_left == 0:
                if self._error_callback:
                    self._error_callback(self._value)
                self._finish()

    def _finish(self):
        self._ready = True
        self._pool._cache.pop(self._job, None)
        self._pool = None


class IMapIterator:
    """The results of imap, in input order: each as soon as it (and those before it) is in."""

    def __init__(self, pool, single=True):
        self._pool = pool
        self._job = _next_job()
        self._results = {}     # task index -> (success, value), until it is handed out
        self._index = 0        # tasks handed out
        self._length = 0       # tasks submitted
        self._number_left = 0  # results not in yet
        self._ready = False
        # chunksize 1: a task's value is a list of one item, handed out as that item; otherwise
        # whole chunks are handed out (imap flattens them).
        self._single = single
        pool._cache[self._job] = self

    def _set(self, i, obj):
        self._results[i] = obj
        self._arrived()

    def _arrived(self):
        self._number_left -= 1
        if self._number_left == 0:
            self._ready = True
            self._pool._cache.pop(self._job, None)
            self._pool = None

    def _take(self):
        """The next (success, value) to hand out, or None while it is not in."""
        obj = self._results.pop(self._index, None)
        if obj is not None:
            self._index += 1
        return obj

    def __iter__(self):
        return self

    def next(self, timeout=None):
        deadline = None
        while True:
            obj = self._take()
            if obj is not None:
                break
            if self._index >= self._length:
                raise StopIteration
            pool = self._pool
            if timeout is None:
                pool._collect_one(None)
                continue
            if deadline is None:
                deadline = time.monotonic() + timeout
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise _queue.Empty
                pool._collect_one(left)
            except _queue.Empty:
                # Time is up: what came in meanwhile still counts.
                pool._drain()
                obj = self._take()
                if obj is None:
                    import multiprocessing
                    raise multiprocessing.TimeoutError from None
                break
        success, value = obj
        if success:
            return value[0] if self._single else value
        raise value

    __next__ = next


class IMapUnorderedIterator(IMapIterator):
    """The results of imap_unordered, in the order they come in."""

    def __init__(self, pool, single=True):
        IMapIterator.__init__(self, pool, single)
        self._results = []
        self._pos = 0

    def _set(self, i, obj):
        self._results.append(obj)
        self._arrived()

    def _take(self):
        items = self._results
        pos = self._pos
        if pos >= len(items):
            return None
        obj = items[pos]
        if pos + 1 == len(items):
            self._results = []
            self._pos = 0
        else:
            items[pos] = None
            self._pos = pos + 1
        self._index += 1
        return obj


def _chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def worker(taskq, resultq, initializer, initargs):
    """A ThreadPool worker thread (the name shows in its thread's name, as CPython's)."""
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = taskq.get()
        if task is None:
            break
        job, i, func, args, kind = task
        resultq.put((job, i, _run_task(func, args, kind)))


class Pool:
    _threads = False

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        self._state = RUN
        self._cache = {}
        self._pool = []
        self._got = []
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasks = maxtasksperchild
        self._done = {}  # with maxtasksperchild: worker pid -> tasks it finished
        self._leaving = []  # the pids of workers that finished their last task
        if self._threads:
            import threading
            self._taskq = _queue.Queue()
            self._resultq = _queue.Queue()
            for _ in range(processes):
                t = threading.Thread(target=worker, args=(self._taskq, self._resultq, initializer, initargs))
                t.daemon = True
                t.start()
                self._pool.append(t)
            # CPython's pool also starts three handler threads, which take the next thread
            # numbers: later threads are numbered as there.
            for _ in range(3):
                threading._newname("Thread-%d")
            return
        name = _label('Pool')
        self._taskq = _proclab.create('queue', name + ' tasks', 0, False)
        self._resultq = _proclab.create('queue', name + ' results', 0, False)
        for _ in range(processes):
            self._pool.append(self._start_worker())

    def _start_worker(self):
        import multiprocessing
        args = (self._taskq, self._resultq, self._initializer, self._initargs, self._maxtasks)
        w = multiprocessing.Process(target=_worker, args=args)
        w.name = w.name.replace('Process', 'ForkPoolWorker')
        w.daemon = True
        w.start()
        return w

    def __repr__(self):
        state = ['RUN', 'CLOSE', 'TERMINATE'][self._state]
        return '<%s.%s state=%s pool_size=%d>' % (type(self).__module__, type(self).__qualname__, state, self._processes)

    def __reduce__(self):
        raise NotImplementedError('pool objects cannot be passed between processes or pickled')

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    # ----- talking to the workers -----

    def _submit(self, result, i, func, args, kind):
        if self._threads:
            self._taskq.put((result._job, i, func, args, kind))
            return
        try:
            _proclab.put_async(self._taskq, (result._job, i, func, args, kind))
        except Exception as e:
            # CPython's task handler fails the job with the pickling error.
            result._set(i, (False, e))

    def _next_result(self, block, timeout, need=1):
        # Results come in bursts (one round trip for all those waiting), kept newest first.
        if not self._got:
            if self._maxtasks is not None:
                self._maintain()
                # Wake up by the time a worker may have left, to start the next.
                need = min([need] + [self._maxtasks - self._done.get(w.pid, 0) for w in self._pool
                                     if w.pid not in self._leaving])
            self._got = _proclab.get_many(self._resultq, block, timeout, need)[::-1]
        item = self._got.pop()
        if self._maxtasks is not None:
            self._task_done(item[3])
        return item[0], item[1], _rebuild(item[2])

    def _task_done(self, pid):
        """maxtasksperchild: worker `pid` finished a task; after its last one it leaves."""
        n = self._done.get(pid, 0) + 1
        if n < self._maxtasks:
            self._done[pid] = n
        else:
            self._done.pop(pid, None)
            self._leaving.append(pid)

    def _maintain(self):
        """maxtasksperchild: join the workers that left and start as many new ones, while the
        pool runs (or has work left once closed), as CPython's worker handler does. Here that
        happens when the parent next goes for results or hands out tasks, not at their exit."""
        if not self._leaving or not (self._state == RUN or (self._state == CLOSE and self._cache)):
            return
        left = [w for w in self._pool if w.pid in self._leaving]
        self._leaving = []
        for w in left:
            w.join()
            self._pool.remove(w)
        for _ in left:
            self._pool.append(self._start_worker())

    def _collect_one(self, timeout, result=None):
        if self._threads:
            job, i, obj = self._resultq.get(True, timeout)
        else:
            # Waiting for one job alone, this process wakes once its last result is in, not at
            # each (nothing else could run meanwhile: callbacks run as results are collected).
            need = 1
            if result is not None and len(self._cache) == 1:
                need = getattr(result, '_number_left', 1)
            job, i, obj = self._next_result(True, timeout, need)
        r = self._cache.get(job)
        if r is not None:
            r._set(i, obj)

    def _drain(self):
        while self._cache:
            try:
                if self._threads:
                    job, i, obj = self._resultq.get(False)
                else:
                    job, i, obj = self._next_result(False, None)
            except _queue.Empty:
                return
            r = self._cache.get(job)
            if r is not None:
                r._set(i, obj)

    def _wait_for(self, result, timeout):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not result._ready:
            if deadline is None:
                self._collect_one(None, result)
            else:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                try:
                    self._collect_one(left, result)
                except _queue.Empty:
                    return

    # ----- the API -----

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        self._maintain()
        result = ApplyResult(self, callback, error_callback)
        self._submit(result, 0, func, (tuple(args), dict(kwds)), 0)
        return result

    def _map_async(self, func, iterable, kind, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        self._maintain()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool or [0] * self._processes) * 4)
            if extra:
                chunksize += 1
        if len(items) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(items), callback, error_callback)
        if chunksize > 0:
            for i, chunk in enumerate(_chunks(items, chunksize)):
                self._submit(result, i, func, chunk, kind)
        return result

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, 1, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, 1, chunksize, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, 2, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, 2, chunksize, callback, error_callback)

    def _imap(self, cls, func, iterable, chunksize):
        # The tasks go out now; the iterator takes their results as it is asked for them.
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        self._maintain()
        result = cls(self, chunksize == 1)
        chunks = _chunks(list(iterable), chunksize)
        result._length = result._number_left = len(chunks)
        if not chunks:
            result._ready = True
            self._cache.pop(result._job, None)
            result._pool = None
        for i, chunk in enumerate(chunks):
            self._submit(result, i, func, chunk, 1)
        if chunksize == 1:
            return result
        # Bigger chunks: a generator over the chunks' items (as CPython's).
        return (item for chunk in result for item in chunk)

    def imap(self, func, iterable, chunksize=1):
        return self._imap(IMapIterator, func, iterable, chunksize)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(IMapUnorderedIterator, func, iterable, chunksize)

    def close(self):
        if self._state == RUN:
            self._state = CLOSE
            for _ in self._pool:
                if self._threads:
                    self._taskq.put(None)
                else:
                    _proclab.put_async(self._taskq, None)

    def terminate(self):
        if self._state != TERMINATE:
            self._state = TERMINATE
            if self._threads:
                # Threads cannot be killed: they stop after their current task.
                while True:
                    try:
                        self._taskq.get(False)
                    except _queue.Empty:
                        break
                for _ in self._pool:
                    self._taskq.put(None)
            else:
                for w in self._pool:
                    w.terminate()
            for w in self._pool:
                w.join()

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        if self._state == CLOSE:
            while self._cache:
                self._collect_one(None)
        for w in self._pool:
            w.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


class ThreadPool(Pool):
    _threads = True

    def __init__(self, processes=None, initializer=None, initargs=()):
        Pool.__init__(self, processes, initializer, initargs)
