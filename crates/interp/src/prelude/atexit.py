# atexit for proclab: the handlers live in _proclab_py (multiprocessing adds its own there
# without importing this module); _proclab_py._at_exit runs them at the program's end, after
# its non-daemon threads are joined, last registered first.
from _proclab_py import _atexit_handlers as _handlers, _run_exitfuncs


def register(func, *args, **kwargs):
    if not callable(func):
        raise TypeError('the first argument must be callable')
    _handlers.append((func, args, kwargs))
    return func


def unregister(func):
    _handlers[:] = [h for h in _handlers if h[0] != func]


def _clear():
    del _handlers[:]


def _ncallbacks():
    return len(_handlers)
