# collections for proclab: deque, Counter, defaultdict, OrderedDict, namedtuple.


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop(0)

    def extend(self, it):
        for x in it:
            self.append(x)

    def extendleft(self, it):
        for x in it:
            self.appendleft(x)

    def clear(self):
        self._items = []

    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            self._items = self._items[-n:] + self._items[:-n]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = v

    def __contains__(self, x):
        return x in self._items

    def __bool__(self):
        return len(self._items) > 0

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __repr__(self):
        if self.maxlen is None:
            return 'deque(%r)' % (self._items,)
        return 'deque(%r, maxlen=%d)' % (self._items, self.maxlen)


class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self)

    def __repr__(self):
        f = self.default_factory
        return 'defaultdict(%s, %r)' % ('None' if f is None else repr(f), dict(self))


class Counter(dict):
    def __init__(self, iterable=None, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) + count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        for elem, count in kwds.items():
            self[elem] = self.get(elem, 0) + count

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        for elem, count in kwds.items():
            self[elem] = self.get(elem, 0) - count

    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:n]

    def total(self):
        return sum(self.values())

    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k

    def _keep(self, other, pick):
        if not isinstance(other, Counter):
            return NotImplemented
        out = Counter()
        for k in list(self) + [k for k in other if k not in self]:
            v = pick(self[k], other[k])
            if v > 0:
                out[k] = v
        return out

    def __add__(self, other):
        return self._keep(other, lambda a, b: a + b)

    def __sub__(self, other):
        return self._keep(other, lambda a, b: a - b)

    def __or__(self, other):
        return self._keep(other, lambda a, b: b if a < b else a)

    def __and__(self, other):
        return self._keep(other, lambda a, b: a if a < b else b)

    def __pos__(self):
        return self._keep(Counter(), lambda a, b: a)

    def __neg__(self):
        return self._keep(Counter(), lambda a, b: -a)

    def __repr__(self):
        if not self:
            return 'Counter()'
        return 'Counter({%s})' % ', '.join('%r: %r' % kv for kv in self.most_common())


class OrderedDict(dict):
    def __repr__(self):
        if not self:
            return '%s()' % type(self).__name__
        return '%s(%r)' % (type(self).__name__, list(self.items()))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self.items()) == list(other.items())
        return dict(self) == other

    def __ne__(self, other):
        return not self == other

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        out = type(self)(self)
        out.update(other)
        return out

    def copy(self):
        return type(self)(self)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        out = cls()
        for k in iterable:
            out[k] = value
        return out

    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
        else:
            rest = list(self.items())
            self.clear()
            self[key] = value
            self.update(rest)

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(self)) if last else next(iter(self))
        return key, self.pop(key)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(field_names)

    class _NT:
        _fields = fields

        def __init__(self, *args, **kwargs):
            values = list(args)
            for f in fields[len(args):]:
                if f in kwargs:
                    values.append(kwargs[f])
                elif defaults is not None:
                    values.append(defaults[fields.index(f) - (len(fields) - len(defaults))])
                else:
                    raise TypeError("%s.__new__() missing 1 required positional argument: '%s'" % (typename, f))
            self._values = tuple(values)
            for i in range(len(fields)):
                setattr(self, fields[i], values[i])

        def __iter__(self):
            return iter(self._values)

        def __getitem__(self, i):
            return self._values[i]

        def __len__(self):
            return len(self._values)

        def __eq__(self, other):
            return tuple(self) == tuple(other)

        def __hash__(self):
            return hash(self._values)

        def __lt__(self, other):
            return tuple(self) < tuple(other)

        def _asdict(self):
            return dict(zip(fields, self._values))

        def _replace(self, **kwargs):
            d = self._asdict()
            d.update(kwargs)
            return _NT(**d)

        def __repr__(self):
            inner = ', '.join('%s=%r' % (f, v) for f, v in zip(fields, self._values))
            return '%s(%s)' % (typename, inner)

    _NT.__name__ = typename
    _NT.__qualname__ = typename
    return _NT
