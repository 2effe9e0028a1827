# multiprocessing for proclab, written on top of _proclab.fork (the "fork" start method).
# Behaviour follows CPython 3.11's multiprocessing.process: names, identities, reprs,
# assertion messages, _bootstrap in the child, and the atexit join of children.

import os
import sys
import _proclab

_exitcode_to_name = {-15: '-SIGTERM', -9: '-SIGKILL', -2: '-SIGINT', -1: '-SIGHUP', -6: '-SIGABRT'}


class ProcessError(Exception):
    __module__ = 'multiprocessing.context'  # where CPython defines these (tracebacks print it)


class TimeoutError(ProcessError):
    __module__ = 'multiprocessing.context'


class AuthenticationError(ProcessError):
    __module__ = 'multiprocessing.context'


class _Popen:
    """What CPython's popen_fork.Popen keeps: the child's pid and, once known, its exit code."""

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None

    def poll(self, flag=None):
        if self.returncode is None:
            code = _proclab.poll(self.pid)
            if code is not None:
                self.returncode = code
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            code = _proclab.join(self.pid, timeout)
            if code is not None:
                self.returncode = code
        return self.returncode

    def terminate(self):
        if self.returncode is None:
            _proclab.kill(self.pid, 15)

    def kill(self):
        if self.returncode is None:
            _proclab.kill(self.pid, 9)


_process_counter = 0
_children = set()


def _next_count():
    global _process_counter
    _process_counter += 1
    return _process_counter


class BaseProcess:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        count = _next_count()
        self._identity = _current_process._identity + (count,)
        self._config = dict(_current_process._config)
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + '-' + ':'.join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        assert self._popen is None, 'cannot start a process twice'
        assert self._parent_pid == os.getpid(), 'can only start a process object created by current process'
        assert not _current_process._config.get('daemon'), 'daemonic processes are not allowed to have children'
        _cleanup()
        _register_exit()
        # True: the child never returns from this frame, so its copy leaves out the callers.
        pid = _proclab.fork(self._name, bool(self.daemon), True)
        if pid == 0:
            code = self._bootstrap()
            _proclab.exit(code)
        self._popen = _Popen(pid)
        del self._target, self._args, self._kwargs
        _children.add(self)

    def terminate(self):
        self._check_closed()
        self._popen.terminate()

    def kill(self):
        self._check_closed()
        self._popen.kill()

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), 'can only join a child process'
        assert self._popen is not None, 'can only join a started process'
        res = self._popen.wait(timeout)
        if res is not None:
            _children.discard(self)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == os.getpid(), 'can only test a child process'
        if self._popen is None:
            return False
        returncode = self._popen.poll()
        if returncode is None:
            return True
        _children.discard(self)
        return False

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def close(self):
        if self._popen is not None:
            if self._popen.poll() is None:
                raise ValueError("Cannot close a process while it is still running. "
                                 "You should first call join() or terminate().")
            self._popen = None
            _children.discard(self)
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        return self._config.get('daemon', False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._popen is None, 'process has already started'
        self._config['daemon'] = daemonic

    @property
    def authkey(self):
        return b''

    @property
    def exitcode(self):
        self._check_closed()
        if self._popen is None:
            return self._popen
        return self._popen.poll()

    @property
    def ident(self):
        self._check_closed()
        if self is _current_process:
            return os.getpid()
        return self._popen and self._popen.pid

    pid = ident

    @property
    def sentinel(self):
        return self._popen and self._popen.pid

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._popen is None:
            status = 'initial'
        else:
            exitcode = self._popen.poll()
            if exitcode is not None:
                status = 'stopped'
            else:
                status = 'started'
        info = [type(self).__name__, 'name=%r' % self._name]
        if self._popen is not None:
            info.append('pid=%s' % self._popen.pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            exitcode = _exitcode_to_name.get(exitcode, exitcode)
            info.append('exitcode=%s' % exitcode)
        if self.daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)

    def _bootstrap(self):
        global _current_process, _parent_process, _process_counter, _children
        exitcode = 1
        try:
            _process_counter = 0
            _children = set()
            _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
            _current_process = self
            try:
                self.run()
                exitcode = 0
            finally:
                _threading_shutdown()
                _exit_function()
        except SystemExit as e:
            if e.code is None:
                exitcode = 0
            elif isinstance(e.code, int):
                exitcode = e.code
            else:
                sys.stderr.write(str(e.code) + '\n')
                exitcode = 1
        except BaseException as e:
            exitcode = 1
            sys.stderr.write('Process %s:\n' % self.name)
            _proclab.print_exc(e)
        return exitcode


class Process(BaseProcess):
    _start_method = None


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {}

    def close(self):
        pass


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {}

    def is_alive(self):
        return _proclab.poll(self._pid) is None

    @property
    def ident(self):
        return self._pid

    pid = ident


_current_process = _MainProcess()
_parent_process = None
_exiting = False


def current_process():
    return _current_process


def parent_process():
    return _parent_process


def _cleanup():
    for p in list(_children):
        if p._popen.poll() is not None:
            _children.discard(p)


def active_children():
    _cleanup()
    return list(_children)


def cpu_count():
    return os.cpu_count()


def freeze_support():
    pass


def set_start_method(method, force=False):
    pass


def get_start_method(allow_none=False):
    return 'fork'


def get_context(method=None):
    import multiprocessing
    return multiprocessing


def _threading_shutdown():
    # As CPython's Process._bootstrap: the child joins its non-daemon threads before exiting.
    if len(_proclab.th_idents()) > 1:
        import threading
        threading._shutdown()


# Run first at the program's end (concurrent.futures shuts its process pools down).
_exit_hooks = []
_exit_registered = False


def _register_exit():
    # As CPython's multiprocessing.util, imported by the first start: _exit_function is an
    # atexit handler, run before the handlers registered earlier and after later ones.
    global _exit_registered
    if not _exit_registered:
        _exit_registered = True
        import _proclab_py
        _proclab_py._atexit_handlers.append((_exit_function, (), {}))


def _exit_function():
    global _exiting
    if not _exiting:
        _exiting = True
        while _exit_hooks:
            _exit_hooks.pop()()
        for p in active_children():
            if p.daemon:
                p._popen.terminate()
        for p in active_children():
            p.join()


# Shared objects (queues, pipes, locks, shared memory, pools, managers), prelude/_mp_*.py, load
# on first use (a module `__getattr__`, PEP 562), as in CPython, whose `import multiprocessing`
# loads neither queues nor pools: a program that only starts processes neither runs their
# module bodies nor copies them into every child it forks.
_LAZY = {
    'Queue': 'queues', 'SimpleQueue': 'queues', 'JoinableQueue': 'queues',
    'Lock': 'synchronize', 'RLock': 'synchronize', 'Semaphore': 'synchronize',
    'BoundedSemaphore': 'synchronize', 'Event': 'synchronize', 'Condition': 'synchronize',
    'Barrier': 'synchronize',
    'Pipe': 'connection',
    'Value': 'sharedctypes', 'Array': 'sharedctypes', 'RawValue': 'sharedctypes',
    'RawArray': 'sharedctypes',
    'Pool': 'pool',
    'Manager': 'managers',
}

__all__ = [
    'Array', 'AuthenticationError', 'Barrier', 'BoundedSemaphore', 'Condition', 'Event',
    'JoinableQueue', 'Lock', 'Manager', 'Pipe', 'Pool', 'Process', 'ProcessError', 'Queue',
    'RLock', 'RawArray', 'RawValue', 'Semaphore', 'SimpleQueue', 'TimeoutError', 'Value',
    'active_children', 'cpu_count', 'current_process', 'freeze_support', 'get_context',
    'get_start_method', 'parent_process', 'set_start_method',
]


def __getattr__(name):
    sub = _LAZY.get(name)
    if sub == 'queues':
        from multiprocessing import queues as m
    elif sub == 'synchronize':
        from multiprocessing import synchronize as m
    elif sub == 'connection':
        from multiprocessing import connection as m
    elif sub == 'sharedctypes':
        from multiprocessing import sharedctypes as m
    elif sub == 'pool':
        from multiprocessing import pool as m
    elif sub == 'managers':
        from multiprocessing import managers as m
    else:
        raise AttributeError(f"module 'multiprocessing' has no attribute '{name}'")
    return getattr(m, name)
