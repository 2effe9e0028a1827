# threading for proclab: green threads inside one interpreter (see vm/threads.rs).
# The VM switches threads every few hundred instructions (a GIL-like switch interval) and at
# every blocking call; Lock, RLock and the wait queues of Condition are VM objects, everything
# else (Semaphore, Event, Barrier, Timer) is built on them as in CPython 3.11. Names, reprs and
# error messages follow CPython 3.11.

import _proclab
from time import monotonic as _time

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread', 'enumerate', 'main_thread',
           'TIMEOUT_MAX', 'Event', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Thread',
           'Barrier', 'BrokenBarrierError', 'Timer', 'ThreadError', 'setprofile', 'settrace',
           'local', 'stack_size', 'excepthook', 'ExceptHookArgs', 'gettrace', 'getprofile',
           'get_native_id']

ThreadError = RuntimeError
TIMEOUT_MAX = 9223372036.0

_IDENT_BASE = 0x7f3a1c000000
_IDENT_STEP = 0x801000


def get_ident():
    return _proclab.th_ident()


def get_native_id():
    return _native_id(get_ident())


def _native_id(ident):
    import os
    return os.getpid() + (ident - _IDENT_BASE) // _IDENT_STEP


def _check_timeout(blocking, timeout):
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")


class Lock:
    """A primitive lock (CPython's _thread.lock): any thread may release it."""

    def __init__(self, _label=None):
        self._id = _proclab.th_lock_new(_label or _proclab.th_label('Lock'), False)

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        return _proclab.th_lock_acquire(self._id, blocking, timeout)

    def __enter__(self):
        return _proclab.th_lock_acquire(self._id, True, -1)

    def __exit__(self, t, v, tb):
        _proclab.th_lock_release(self._id)

    def release(self):
        _proclab.th_lock_release(self._id)

    def locked(self):
        return _proclab.th_lock_locked(self._id)

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    def _is_owned(self):
        return _proclab.th_lock_owned(self._id)

    def __repr__(self):
        state = 'locked' if self.locked() else 'unlocked'
        return '<%s _thread.lock object at 0x%x>' % (state, id(self))


_allocate_lock = Lock
allocate_lock = Lock


class RLock:
    """A reentrant lock: the owning thread may acquire it again; only the owner releases it."""

    def __init__(self, _label=None):
        self._id = _proclab.th_lock_new(_label or _proclab.th_label('RLock'), True)
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        got = _proclab.th_lock_acquire(self._id, blocking, timeout)
        if got:
            self._owner = get_ident()
            self._count += 1
        return got

    def __enter__(self):
        got = _proclab.th_lock_acquire(self._id, True, -1)
        self._owner = get_ident()
        self._count += 1
        return got

    def release(self):
        _proclab.th_lock_release(self._id)
        self._count -= 1
        if not self._count:
            self._owner = None

    def __exit__(self, t, v, tb):
        self.release()

    def _is_owned(self):
        return _proclab.th_lock_owned(self._id)

    def __repr__(self):
        state = 'locked' if _proclab.th_lock_locked(self._id) else 'unlocked'
        return '<%s _thread.RLock object owner=%r count=%d at 0x%x>' % (
            state, self._owner or 0, self._count, id(self))


class Condition:
    def __init__(self, lock=None, _label=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._cid = _proclab.th_cond_new(_label or _proclab.th_label('Condition'))
        self._waiters = 0

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, self._waiters)

    def _is_owned(self):
        return _proclab.th_lock_owned(self._lock._id)

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        if timeout is None:
            timeout = -1
        elif timeout < 0:
            timeout = 0
        rlock = isinstance(self._lock, RLock)
        if rlock:
            saved = (self._lock._owner, self._lock._count)
        self._waiters += 1
        try:
            return _proclab.th_cond_wait(self._cid, self._lock._id, timeout)
        finally:
            self._waiters -= 1
            if rlock:
                self._lock._owner, self._lock._count = saved

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        _proclab.th_cond_notify(self._cid, n)

    def notify_all(self):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        _proclab.th_cond_notify(self._cid, -1)

    def notifyAll(self):
        self.notify_all()


class Semaphore:
    """A VM semaphore: waiters are served in order; release never blocks (safe in __exit__)."""

    def __init__(self, value=1, _bounded=False):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        label = _proclab.th_label('BoundedSemaphore' if _bounded else 'Semaphore')
        self._id = _proclab.th_sem_new(label, value, _bounded)

    @property
    def _value(self):
        return _proclab.th_sem_value(self._id)

    def __repr__(self):
        return '<%s.%s at 0x%x: value=%d>' % (self.__class__.__module__, self.__class__.__qualname__,
                                             id(self), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        if timeout is None:
            timeout = -1
        elif timeout <= 0:
            timeout = 0
        return _proclab.th_sem_acquire(self._id, blocking, timeout)

    def __enter__(self):
        return _proclab.th_sem_acquire(self._id, True, -1)

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        _proclab.th_sem_release(self._id, n)

    def __exit__(self, t, v, tb):
        _proclab.th_sem_release(self._id, 1)


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value, True)
        self._initial_value = value

    def __repr__(self):
        return '<%s.%s at 0x%x: value=%d/%d>' % (self.__class__.__module__, self.__class__.__qualname__,
                                                id(self), self._value, self._initial_value)


class Event:
    def __init__(self):
        label = _proclab.th_label('Event')
        self._cond = Condition(Lock(label), label)
        self._flag = False

    def __repr__(self):
        status = 'set' if self._flag else 'unset'
        return "<%s.%s at 0x%x: %s>" % (self.__class__.__module__, self.__class__.__qualname__, id(self), status)

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Filling (0) -> draining (1) -> filling again; resetting (-1) and broken (-2) as CPython."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        label = _proclab.th_label('Barrier')
        self._cond = Condition(Lock(label), label)
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def __repr__(self):
        if self.broken:
            return "<%s.%s at 0x%x: broken>" % (self.__class__.__module__, self.__class__.__qualname__, id(self))
        return "<%s.%s at 0x%x: waiters=%d/%d>" % (self.__class__.__module__, self.__class__.__qualname__,
                                                  id(self), self.n_waiting, self.parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 0

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 1

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


_counter = 0


def _newname(name_template):
    global _counter
    _counter += 1
    return name_template % _counter


_active = {}


class ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


def excepthook(args):
    """Prints "Exception in thread NAME:" and the traceback to stderr (SystemExit: nothing)."""
    if args.exc_type is SystemExit:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    _proclab.write_stderr("Exception in thread %s:\n" % name)
    _proclab.print_exc(args.exc_value)


__excepthook__ = excepthook


class Thread:
    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += " (%s)" % target_name
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._started_flag = False
        self._join_lock = None
        self._initialized = True

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started_flag:
            status = "started"
        if self._started_flag and not self.is_alive():
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started_flag:
            raise RuntimeError("threads can only be started once")
        self._started_flag = True
        self._join_lock = _proclab.th_lock_new('join', False)
        # The VM runs the new thread right away (CPython's start() waits until it has started).
        self._ident = _proclab.th_start(self._bootstrap, self._name, self._join_lock)

    def _bootstrap(self):
        self._ident = get_ident()
        _active[self._ident] = self
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as e:
            excepthook(ExceptHookArgs(type(e), e, None, self))
        finally:
            _active.pop(self._ident, None)

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started_flag:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._join_lock is None:
            return
        if timeout is None:
            got = _proclab.th_lock_acquire(self._join_lock, True, -1)
        else:
            got = _proclab.th_lock_acquire(self._join_lock, True, max(timeout, 0))
        if got:
            _proclab.th_lock_release(self._join_lock)

    @property
    def name(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)
        if self._ident is not None:
            _proclab.th_set_name(self._ident, self._name)

    @property
    def ident(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        if self._ident is None:
            return None
        if self._native_id is None:
            self._native_id = _native_id(self._ident)
        return self._native_id

    def is_alive(self):
        assert self._initialized, "Thread.__init__() not called"
        if not self._started_flag:
            return False
        return _proclab.th_alive(self._ident)

    @property
    def daemon(self):
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started_flag:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class Timer(Thread):
    """Calls function(*args, **kwargs) after interval seconds, unless cancel() came first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started_flag = True
        self._ident = _proclab.th_idents()[0]
        _active[self._ident] = self

    def is_alive(self):
        return True


class _DummyThread(Thread):
    def __init__(self, ident):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started_flag = True
        self._ident = ident

    def is_alive(self):
        return True

    def join(self, timeout=None):
        assert False, "cannot join a dummy thread"


class _Placeholder:
    daemon = False


_main_thread = None
_main_thread = _MainThread()


def current_thread():
    t = _active.get(_proclab.th_ident())
    if t is not None:
        return t
    if _main_thread is None:
        return _Placeholder()
    return _main_thread


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    return len(_proclab.th_idents())


activeCount = active_count


def enumerate():
    return [_active[i] for i in _proclab.th_idents() if i in _active]


_threading_atexits = []


def _register_atexit(func, *arg, **kwargs):
    """Runs func(*arg, **kwargs) when the main module ends, before the threads are joined."""
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    """Joins the non-daemon threads (run by the VM when the main module ends)."""
    while _threading_atexits:
        _threading_atexits.pop()()
    while True:
        pending = [t for t in enumerate()
                   if t is not _main_thread and not t.daemon and t.is_alive() and t is not current_thread()]
        if not pending:
            return
        for t in pending:
            t.join()


_trace_hook = None
_profile_hook = None


def settrace(func):
    global _trace_hook
    _trace_hook = func


def setprofile(func):
    global _profile_hook
    _profile_hook = func


def gettrace():
    return _trace_hook


def getprofile():
    return _profile_hook


def stack_size(size=0):
    return 0


class local:
    """Thread-local attributes: one attribute dict per thread ident."""

    def __init__(self, *args, **kw):
        d = self.__dict__
        d['_local__dicts'] = {}

    def _local__mine(self):
        dicts = self.__dict__['_local__dicts']
        ident = get_ident()
        if ident not in dicts:
            dicts[ident] = {}
        return dicts[ident]

    def __getattr__(self, name):
        mine = self._local__mine()
        if name in mine:
            return mine[name]
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))

    def __setattr__(self, name, value):
        self._local__mine()[name] = value

    def __delattr__(self, name):
        mine = self._local__mine()
        if name not in mine:
            raise AttributeError(name)
        del mine[name]
