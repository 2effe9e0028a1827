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
    pass


def _defaultdict_new(default_factory=None, *args, **kwargs):
    return _DefaultDict(default_factory, *args, **kwargs)


class _DefaultDict:
    def __init__(self, default_factory=None, *args, **kwargs):
        self.default_factory = default_factory
        self._d = dict(*args, **kwargs)

    def __getitem__(self, key):
        if key in self._d:
            return self._d[key]
        if self.default_factory is None:
            raise KeyError(key)
        v = self.default_factory()
        self._d[key] = v
        return v

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __eq__(self, other):
        if isinstance(other, _DefaultDict):
            return self._d == other._d
        return self._d == other

    def get(self, key, default=None):
        return self._d.get(key, default)

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)

    def update(self, *args, **kwargs):
        self._d.update(*args, **kwargs)

    def copy(self):
        return _DefaultDict(self.default_factory, self._d)

    def __repr__(self):
        f = self.default_factory
        name = 'None' if f is None else repr(f)
        return 'defaultdict(%s, %r)' % (name, self._d)


defaultdict = _defaultdict_new


class Counter(_DefaultDict):
    def __init__(self, iterable=None, **kwargs):
        _DefaultDict.__init__(self, int)
        if iterable is not None:
            self.update(iterable)
        for k in kwargs:
            self._d[k] = self._d.get(k, 0) + kwargs[k]

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, (dict, _DefaultDict)):
                for k in iterable.keys():
                    self._d[k] = self._d.get(k, 0) + iterable[k]
            else:
                for x in iterable:
                    self._d[x] = self._d.get(x, 0) + 1

    def most_common(self, n=None):
        items = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:n]

    def total(self):
        return sum(self._d.values())

    def elements(self):
        for k, v in self._d.items():
            for _ in range(v):
                yield k

    def __repr__(self):
        if not self._d:
            return 'Counter()'
        items = ', '.join('%r: %r' % kv for kv in self.most_common())
        return 'Counter({%s})' % items


OrderedDict = dict


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
