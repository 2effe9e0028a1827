# multiprocessing.sharedctypes for proclab: Value and Array live in a kernel shared cell
# (vm/ipc.rs). `.value`, `arr[i]` and `arr[i] = v` are native so that they can wait for the kernel
# where the VM calls them (a property, __getitem__, __setitem__). Builtins that iterate an Array
# themselves (sum(arr), list(arr)) cannot wait yet and raise RuntimeError: use arr[:].

import _proclab
from multiprocessing.queues import _label
from multiprocessing.synchronize import RLock

_ctype_names = {
    'c': 'c_char', 'u': 'c_wchar', 'b': 'c_byte', 'B': 'c_ubyte', 'h': 'c_short', 'H': 'c_ushort',
    'i': 'c_int', 'I': 'c_uint', 'l': 'c_long', 'L': 'c_ulong', 'q': 'c_longlong',
    'Q': 'c_ulonglong', 'f': 'c_float', 'd': 'c_double',
}


def _convert(typecode, value):
    if typecode in ('d', 'f'):
        return float(value)
    if typecode == 'c' and isinstance(value, int):
        # A c_char item is a one-byte bytes (iterating a bytes initializer gives ints).
        return bytes([value])
    if typecode in ('c', 'u'):
        return value
    if isinstance(value, float):
        raise TypeError("int expected instead of float")
    return int(value)


def _default(typecode):
    if typecode == 'c':
        return b'\x00'
    return 0.0 if typecode in ('d', 'f') else 0


def _make_lock(lock):
    if lock is True or lock is None:
        return RLock()
    if lock is False:
        return None
    if hasattr(lock, 'acquire'):
        return lock
    raise AttributeError("%r has no method 'acquire'" % lock)


class Synchronized:
    _pl_nopickle = 'Synchronized'

    def __init__(self, typecode, value, lock):
        if typecode not in _ctype_names:
            raise TypeError("unsupported type code %r" % (typecode,))
        self._typecode = typecode
        self._lock = lock
        self._h = _proclab.create('shared', _label('Value'), _convert(typecode, value))

    value = property(_proclab.cell_get, _proclab.cell_set)

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)


class SynchronizedArray:
    _pl_nopickle = 'Synchronized'

    def __init__(self, typecode, init, lock):
        if typecode not in _ctype_names:
            raise TypeError("unsupported type code %r" % (typecode,))
        if isinstance(init, int):
            items = [_default(typecode)] * init
        else:
            items = [_convert(typecode, x) for x in init]
        self._typecode = typecode
        self._len = len(items)
        self._lock = lock
        # arr[i] = v runs under the array's lock, as CPython's synchronized wrapper does.
        self._lock_h = lock._h if lock is not None and hasattr(lock, '_h') else None
        self._h = _proclab.create('shared', _label('Array'), items)

    __getitem__ = _proclab.array_getitem
    __setitem__ = _proclab.array_setitem

    def __len__(self):
        return self._len

    @property
    def value(self):
        # Only a c_char array has one (CPython's SynchronizedString): the bytes before a NUL.
        if self._typecode != 'c':
            raise AttributeError("'SynchronizedArray' object has no attribute 'value'")
        return b''.join(self[:]).split(b'\x00')[0]

    def __iter__(self):
        # A generator, so that a `for` loop can wait for the load.
        for item in self[:]:
            yield item

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    value = args[0] if args else _default(typecode_or_type)
    return Synchronized(typecode_or_type, value, _make_lock(lock))


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return SynchronizedArray(typecode_or_type, size_or_initializer, _make_lock(lock))


def RawValue(typecode_or_type, *args):
    return Value(typecode_or_type, *args, lock=False)


def RawArray(typecode_or_type, size_or_initializer):
    return Array(typecode_or_type, size_or_initializer, lock=False)
