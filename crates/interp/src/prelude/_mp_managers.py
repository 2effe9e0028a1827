# multiprocessing.managers for proclab: Manager() starts a real server process ("SyncManager-N")
# that owns the shared list/dict/Namespace/Value objects and serves one request per call over
# kernel queues: the proxy puts (reply queue, object id, method, args, kwargs) on the server's
# request queue and gets (ok, result) from its process's reply queue (vm/ipc.rs makes one per
# process). Operations the VM calls as special methods (x[k], x[k] = v, len(x), .value, a
# Namespace's attributes) are native so that they can wait for the reply. Iteration is a generator
# (over x[0], x[1], ... for a list, as CPython's list proxy iterates; over a copy of the keys for a
# dict), so a `for` loop can wait at each step; a builtin that iterates a proxy itself (sorted(l),
# list(l)) and `in` run Python code the VM cannot suspend yet, and raise RuntimeError.
#
# Lock/Event/Queue/... from a manager are kernel objects here (CPython's live in the server),
# which behaves the same for processes of one program.

import _proclab
import multiprocessing as _mp
from multiprocessing import queues as _queues
from multiprocessing import synchronize as _sync

_reply = None  # (pid, reply queue handle) of this process, set by vm/ipc.rs


class Namespace:
    def __init__(self, **kwds):
        for k, v in kwds.items():
            setattr(self, k, v)

    def __repr__(self):
        temp = []
        for name, value in vars(self).items():
            if not name.startswith('_'):
                temp.append('%s=%r' % (name, value))
        temp.sort()
        return '%s(%s)' % (self.__class__.__name__, ', '.join(temp))


class _ValueRef:
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return '%s(%r, %r)' % (type(self).__name__.lstrip('_').replace('Ref', ''), self._typecode, self._value)


def _make(typeid, args, kwargs):
    if typeid == 'list':
        return list(*args)
    if typeid == 'dict':
        return dict(*args, **kwargs)
    if typeid == 'Namespace':
        return Namespace(**kwargs)
    if typeid == 'Value':
        return _ValueRef(*args, **kwargs)
    raise ValueError('unknown typeid %r' % (typeid,))


def _dispatch(obj, method, args, kwargs):
    if method == '#str':
        return str(obj)
    if method == '#repr':
        return repr(obj)
    if method == '#copy':
        return list(obj) if isinstance(obj, list) else dict(obj)
    if method == '__getitem__':
        return obj[args[0]]
    if method == '__setitem__':
        obj[args[0]] = args[1]
        return None
    if method == '__delitem__':
        del obj[args[0]]
        return None
    if method == '__len__':
        return len(obj)
    if method == '__contains__':
        return args[0] in obj
    if method == '__getattribute__':
        return getattr(obj, args[0])
    if method == '__setattr__':
        setattr(obj, args[0], args[1])
        return None
    if method == '__delattr__':
        delattr(obj, args[0])
        return None
    if method == '__iadd__':
        obj += args[0]
        return None
    if method == '__imul__':
        obj *= args[0]
        return None
    return getattr(obj, method)(*args, **kwargs)


def _serve(requests):
    objects = {}
    next_id = 0
    while True:
        reply_h, ident, method, args, kwargs = _proclab.get(requests, True, None)
        if method == '#shutdown':
            _proclab.put(reply_h, (True, None), True, None)
            break
        try:
            if method == '#create':
                next_id += 1
                objects[next_id] = _make(args[0], args[1:], kwargs)
                reply = (True, next_id)
            else:
                reply = (True, _dispatch(objects[ident], method, args, kwargs))
        except Exception as e:
            reply = (False, e)
        try:
            _proclab.put(reply_h, reply, True, None)
        except Exception as e:
            _proclab.put(reply_h, (False, e), True, None)


class BaseProxy:
    _typeid = None

    def __init__(self, server, ident):
        self._server = server
        self._id = ident

    def _callmethod(self, methodname, args=(), kwds={}):
        return _proclab.mgr_call(self, methodname, tuple(args), dict(kwds))

    def _getvalue(self):
        return self._callmethod('#copy')

    def __repr__(self):
        return '<%s object, typeid %r at %s>' % (type(self).__name__, self._typeid, hex(id(self)))

    def __str__(self):
        return self._callmethod('#repr')


def _method(name):
    def call(self, *args, **kwds):
        return _proclab.mgr_call(self, name, args, kwds)
    call.__name__ = name
    return call


class BaseListProxy(BaseProxy):
    _typeid = 'list'
    __getitem__ = _proclab.mgr_getitem
    __setitem__ = _proclab.mgr_setitem
    __delitem__ = _proclab.mgr_delitem
    __len__ = _proclab.mgr_len

    def __iter__(self):
        i = 0
        while True:
            try:
                item = self[i]
            except IndexError:
                return
            yield item
            i += 1

    def __contains__(self, item):
        return self._callmethod('__contains__', (item,))


for _name in ['append', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort']:
    setattr(BaseListProxy, _name, _method(_name))


class ListProxy(BaseListProxy):
    __iadd__ = _proclab.mgr_iadd

    def __imul__(self, value):
        self._callmethod('__imul__', (value,))
        return self


class DictProxy(BaseProxy):
    _typeid = 'dict'
    __getitem__ = _proclab.mgr_getitem
    __setitem__ = _proclab.mgr_setitem
    __delitem__ = _proclab.mgr_delitem
    __len__ = _proclab.mgr_len

    def __iter__(self):
        for key in self._callmethod('keys'):
            yield key

    def __contains__(self, key):
        return self._callmethod('__contains__', (key,))

    def keys(self):
        return list(self._callmethod('keys'))

    def values(self):
        return list(self._callmethod('values'))

    def items(self):
        return list(self._callmethod('items'))


for _name in ['clear', 'copy', 'get', 'pop', 'popitem', 'setdefault', 'update']:
    setattr(DictProxy, _name, _method(_name))


class NamespaceProxy(BaseProxy):
    _typeid = 'Namespace'
    __getattr__ = _proclab.mgr_getattr
    __setattr__ = _proclab.mgr_setattr


class ValueProxy(BaseProxy):
    _typeid = 'Value'
    value = property(_proclab.mgr_value_get, _proclab.mgr_value_set)

    def get(self):
        return self._callmethod('get')

    def set(self, value):
        return self._callmethod('set', (value,))


# Synchronization objects and queues from a manager can be passed in queues and to pools
# (CPython's are proxies), so they are picklable here.
class _MQueue(_queues.Queue):
    _pl_nopickle = None


class _MJoinableQueue(_queues.JoinableQueue):
    _pl_nopickle = None


class _MLock(_sync.Lock):
    _pl_nopickle = None


class _MRLock(_sync.RLock):
    _pl_nopickle = None


class _MSemaphore(_sync.Semaphore):
    _pl_nopickle = None


class _MBoundedSemaphore(_sync.BoundedSemaphore):
    _pl_nopickle = None


class _MEvent(_sync.Event):
    _pl_nopickle = None


class _MCondition(_sync.Condition):
    _pl_nopickle = None


class _MBarrier(_sync.Barrier):
    _pl_nopickle = None


class SyncManager:
    def __init__(self, address=None, authkey=None, serializer='pickle', ctx=None):
        self._state = 'initial'
        self._server = None
        self._id = 0
        self._process = None

    def start(self, initializer=None, initargs=()):
        if self._state != 'initial':
            raise _mp.ProcessError("Already started server")
        self._server = _proclab.create('queue', _queues._label('SyncManager') + ' requests', 0, False)
        p = _mp.Process(target=_serve, args=(self._server,), daemon=True)
        p.name = p.name.replace('Process', 'SyncManager')
        p.start()
        self._process = p
        self._state = 'started'

    def _create(self, cls, typeid, *args, **kwds):
        if self._state != 'started':
            raise _mp.ProcessError("Manager has not been started")
        ident = _proclab.mgr_call(self, '#create', (typeid,) + args, kwds)
        return cls(self._server, ident)

    def list(self, sequence=()):
        return self._create(ListProxy, 'list', sequence)

    def dict(self, *args, **kwds):
        return self._create(DictProxy, 'dict', *args, **kwds)

    def Namespace(self, **kwds):
        return self._create(NamespaceProxy, 'Namespace', **kwds)

    def Value(self, typecode, value, lock=True):
        return self._create(ValueProxy, 'Value', typecode, value)

    def Queue(self, maxsize=0):
        return _MQueue(maxsize)

    def JoinableQueue(self, maxsize=0):
        return _MJoinableQueue(maxsize)

    def Lock(self):
        return _MLock()

    def RLock(self):
        return _MRLock()

    def Semaphore(self, value=1):
        return _MSemaphore(value)

    def BoundedSemaphore(self, value=1):
        return _MBoundedSemaphore(value)

    def Event(self):
        return _MEvent()

    def Condition(self, lock=None):
        return _MCondition(lock)

    def Barrier(self, parties, action=None, timeout=None):
        return _MBarrier(parties, action, timeout)

    def shutdown(self):
        if self._state == 'started':
            self._state = 'shutdown'
            _proclab.mgr_call(self, '#shutdown', (), {})
            self._process.join()

    def join(self, timeout=None):
        if self._process is not None:
            self._process.join(timeout)

    def __enter__(self):
        if self._state == 'initial':
            self.start()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown()


BaseManager = SyncManager


def Manager():
    m = SyncManager()
    m.start()
    return m
