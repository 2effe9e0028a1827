# multiprocessing.connection for proclab: a Pipe is one kernel channel per direction
# (vm/ipc.rs). send pickles, recv unpickles; recv on a channel whose writer closed and that is
# empty raises EOFError (from the kernel).

import time
import _proclab
from multiprocessing.queues import _label


class Connection:
    def __init__(self, rh, wh, readable=True, writable=True):
        self._rh = rh
        self._wh = wh
        self._readable = readable
        self._writable = writable
        self._closed = False

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def _check_closed(self):
        if self._closed:
            raise OSError("handle is closed")

    def _check_readable(self):
        if not self._readable:
            raise OSError("connection is write-only")

    def _check_writable(self):
        if not self._writable:
            raise OSError("connection is read-only")

    def send(self, obj):
        self._check_closed()
        self._check_writable()
        # A pipe's buffer is unbounded here: a send never blocks (its worker sends it on).
        _proclab.put_async(self._wh, obj)

    def recv(self):
        self._check_closed()
        self._check_readable()
        return _proclab.get(self._rh, True, None)

    def poll(self, timeout=0.0):
        """Data waiting? The kernel answers without blocking, so a timeout is a short polling
        loop (on the kernel's clock)."""
        self._check_closed()
        self._check_readable()
        if _proclab.query(self._rh, 'poll'):
            return True
        if timeout is not None and timeout <= 0:
            return False
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = 0.005
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                step = min(step, left)
            time.sleep(step)
            if _proclab.query(self._rh, 'poll'):
                return True

    def close(self):
        if not self._closed:
            self._closed = True
            if self._writable and self._wh is not None:
                _proclab.close(self._wh)

    def fileno(self):
        self._check_closed()
        return self._rh if self._rh is not None else self._wh

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def Pipe(duplex=True):
    name = _label('Pipe')
    a = _proclab.create('channel', name + ' a')
    if duplex:
        b = _proclab.create('channel', name + ' b')
        return Connection(b, a), Connection(a, b)
    return Connection(a, None, True, False), Connection(None, a, False, True)
