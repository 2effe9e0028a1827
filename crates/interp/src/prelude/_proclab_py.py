# Python-level helpers of the VM: code that must run as frames (so that a blocking call inside,
# e.g. a Process.__repr__ that polls its child, can suspend the interpreter).


def _print(*args, sep=' ', end='\n', file=None, flush=False):
    print(*[_str(a) for a in args], sep=sep, end=end, file=file, flush=flush)


def _str(x):
    t = type(x)
    if t is str:
        return x
    if t is list or t is tuple or t is dict or t is set or t is frozenset:
        return _repr(x)
    return str(x)


def _repr(x):
    """repr() of containers, element by element as frames (elements' __repr__ may block)."""
    t = type(x)
    if t is list:
        return '[' + ', '.join([_repr(e) for e in x]) + ']'
    if t is tuple:
        if len(x) == 1:
            return '(' + _repr(x[0]) + ',)'
        return '(' + ', '.join([_repr(e) for e in x]) + ')'
    if t is dict:
        return '{' + ', '.join([_repr(k) + ': ' + _repr(v) for k, v in x.items()]) + '}'
    if t is set:
        return '{' + ', '.join([_repr(e) for e in x]) + '}' if x else 'set()'
    if t is frozenset:
        return 'frozenset({' + ', '.join([_repr(e) for e in x]) + '})' if x else 'frozenset()'
    return repr(x)


def _wait():
    """os.wait(): the first forked child found ended (polling; the ABI has no wait-any)."""
    import _proclab
    import time
    while True:
        kids = _proclab.fork_children()
        if not kids:
            raise ChildProcessError(10, 'No child processes')
        for pid in kids:
            code = _proclab.poll(pid)
            if code is not None:
                _proclab.forget_child(pid)
                status = (-code) & 0x7f if code < 0 else (code & 0xff) << 8
                return pid, status
        time.sleep(0.005)


# atexit's handlers (func, args, kwargs), multiprocessing's among them once it started a
# process (as CPython's multiprocessing.util registers it then).
_atexit_handlers = []


def _run_exitfuncs():
    import sys
    import _proclab
    while _atexit_handlers:
        func, args, kwargs = _atexit_handlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            print('Exception ignored in atexit callback: %r' % (func,), file=sys.stderr)
            _proclab.print_exc(e)


def _at_exit(multiprocessing):
    """The program's end: atexit's handlers, then multiprocessing's if it was imported and
    never started a process."""
    _run_exitfuncs()
    if multiprocessing is not None:
        multiprocessing._exit_function()


def _iter_until(f, sentinel):
    """iter(f, sentinel)."""
    while True:
        v = f()
        if v == sentinel:
            return
        yield v


def _enumerate(it, n):
    """enumerate() of an iterator stepped as frames."""
    for v in it:
        yield n, v
        n += 1


def _zip(*its):
    """zip() of iterators one of which is stepped as frames."""
    while True:
        items = []
        for it in its:
            for v in it:
                items.append(v)
                break
            else:
                return
        yield tuple(items)


def _call_with_list(f, i, *args, **kw):
    """f(*args) with args[i] (a generator) first run to its end here, as frames: a blocking
    call inside the generator (q.get()) can then suspend the process."""
    args = list(args)
    args[i] = [x for x in args[i]]
    return f(*args, **kw)


class struct_time:
    """time.struct_time: the nine fields, by name and by index."""
    _fields = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')

    def __init__(self, t):
        self._t = tuple(t)
        for name, v in zip(self._fields, self._t):
            setattr(self, name, v)

    def __getitem__(self, i):
        return self._t[i]

    def __iter__(self):
        return iter(self._t)

    def __len__(self):
        return 9

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return 'time.struct_time(' + ', '.join('%s=%r' % (n, v) for n, v in zip(self._fields, self._t)) + ')'


def _gmtime(secs=None):
    import _proclab
    import time
    if secs is None:
        secs = time.time()
    return struct_time(_proclab.broken_down(secs))


def _timegm(t):
    y, m, d, hh, mm, ss = t[0], t[1], t[2], t[3], t[4], t[5]
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days = era * 146097 + doe - 719468
    return days * 86400 + hh * 3600 + mm * 60 + ss


def _mktime(t):
    return float(_timegm(t))


def _strftime(fmt, t=None):
    import _proclab
    import time
    secs = time.time() if t is None else _timegm(t)
    return _proclab.strftime(fmt, secs)


def _asctime(t=None):
    import _proclab
    import time
    secs = time.time() if t is None else _timegm(t)
    return _proclab.ctime(secs)


class Random:
    """random.Random: its own Mersenne Twister (the module functions share another)."""

    def __init__(self, x=None):
        import _proclab
        self._h = _proclab.rng_new()
        self.seed(x)

    def seed(self, a=None):
        import random
        random.seed(a, _h=self._h)

    def random(self):
        import random
        return random.random(_h=self._h)

    def randint(self, a, b):
        import random
        return random.randint(a, b, _h=self._h)

    def randrange(self, *args):
        import random
        return random.randrange(*args, _h=self._h)

    def choice(self, seq):
        import random
        return random.choice(seq, _h=self._h)

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        import random
        return random.choices(population, weights, cum_weights=cum_weights, k=k, _h=self._h)

    def shuffle(self, x):
        import random
        random.shuffle(x, _h=self._h)

    def sample(self, population, k):
        import random
        return random.sample(population, k, _h=self._h)

    def uniform(self, a, b):
        import random
        return random.uniform(a, b, _h=self._h)

    def gauss(self, mu=0.0, sigma=1.0):
        import random
        return random.gauss(mu, sigma, _h=self._h)

    def getrandbits(self, k):
        import random
        return random.getrandbits(k, _h=self._h)
