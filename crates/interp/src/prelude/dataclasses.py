# dataclasses for proclab: @dataclass (init, repr, eq, order, frozen flag), field(), fields(),
# asdict(), astuple(), replace(). Fields come from the class body's annotations, in order.


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    pass


class Field:
    def __init__(self, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare

    def __repr__(self):
        return 'Field(name=%r,type=%r,default=%r)' % (self.name, self.type, self.default)


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=False):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, compare)


def fields(obj):
    return tuple(obj.__dataclass_fields__.values())


def _own_fields(cls):
    d = cls.__dict__
    anns = d.get('__annotations__', {})
    out = []
    for name in anns:
        typ = anns[name]
        default = d.get(name, MISSING)
        if isinstance(default, Field):
            f = default
            if f.default is not MISSING:
                setattr(cls, name, f.default)
            else:
                delattr(cls, name)
        else:
            f = Field(default)
        f.name = name
        f.type = typ
        out.append(f)
    return out


def _process(cls, init, repr_, eq, order, frozen):
    all_fields = {}
    for base in cls.__mro__[-1:0:-1]:
        bf = base.__dict__.get('__dataclass_fields__')
        if bf:
            for f in bf.values():
                all_fields[f.name] = f
    for f in _own_fields(cls):
        all_fields[f.name] = f
    cls.__dataclass_fields__ = all_fields
    flds = list(all_fields.values())
    init_fields = [f for f in flds if f.init]
    qual = cls.__qualname__
    seen_default = False
    for f in init_fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError("non-default argument '%s' follows default argument" % f.name)

    if init:
        def __init__(self, *args, **kwargs):
            if len(args) > len(init_fields):
                raise TypeError('%s.__init__() takes %d positional arguments but %d were given'
                                % (qual, len(init_fields) + 1, len(args) + 1))
            for i, f in enumerate(init_fields):
                if i < len(args):
                    if f.name in kwargs:
                        raise TypeError("%s.__init__() got multiple values for argument '%s'" % (qual, f.name))
                    v = args[i]
                elif f.name in kwargs:
                    v = kwargs.pop(f.name)
                elif f.default is not MISSING:
                    v = f.default
                elif f.default_factory is not MISSING:
                    v = f.default_factory()
                else:
                    missing = [g.name for g in init_fields[i:] if g.name not in kwargs
                               and g.default is MISSING and g.default_factory is MISSING]
                    if len(missing) == 1:
                        raise TypeError("%s.__init__() missing 1 required positional argument: '%s'" % (qual, missing[0]))
                    names = ["'%s'" % m for m in missing]
                    raise TypeError('%s.__init__() missing %d required positional arguments: %s'
                                    % (qual, len(missing), ', '.join(names[:-1]) + ' and ' + names[-1]))
                _set(self, f.name, v)
            for f in flds:
                if not f.init:
                    if f.default_factory is not MISSING:
                        _set(self, f.name, f.default_factory())
                    elif f.default is not MISSING:
                        _set(self, f.name, f.default)
            if kwargs:
                raise TypeError("%s.__init__() got an unexpected keyword argument '%s'" % (qual, list(kwargs)[0]))
            post = getattr(self, '__post_init__', None)
            if post is not None:
                post()
        cls.__init__ = __init__

    if repr_:
        def __repr__(self):
            parts = ['%s=%r' % (f.name, getattr(self, f.name)) for f in flds if f.repr]
            return '%s(%s)' % (type(self).__qualname__, ', '.join(parts))
        cls.__repr__ = __repr__

    def _key(self):
        return tuple(getattr(self, f.name) for f in flds if f.compare)

    if eq:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) == _key(other)
            return NotImplemented
        cls.__eq__ = __eq__
        if not frozen:
            cls.__hash__ = None
        else:
            cls.__hash__ = lambda self: hash(_key(self))

    if order:
        def __lt__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) < _key(other)
            return NotImplemented

        def __le__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) <= _key(other)
            return NotImplemented

        def __gt__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) > _key(other)
            return NotImplemented

        def __ge__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) >= _key(other)
            return NotImplemented
        cls.__lt__ = __lt__
        cls.__le__ = __le__
        cls.__gt__ = __gt__
        cls.__ge__ = __ge__

    if frozen:
        def __setattr__(self, name, value):
            if getattr(self, '_dc_ready', False):
                raise FrozenInstanceError("cannot assign to field '%s'" % name)
            _raw_set(self, name, value)
        cls.__setattr__ = __setattr__
        old_init = cls.__init__

        def frozen_init(self, *args, **kwargs):
            old_init(self, *args, **kwargs)
            _raw_set(self, '_dc_ready', True)
        cls.__init__ = frozen_init
    return cls


def _set(obj, name, value):
    setattr(obj, name, value)


def _raw_set(obj, name, value):
    object.__setattr__(obj, name, value)


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False):
    def wrap(c):
        return _process(c, init, repr, eq, order, frozen)
    if cls is None:
        return wrap
    return wrap(cls)


def asdict(obj):
    if hasattr(obj, '__dataclass_fields__'):
        return {f.name: asdict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, list):
        return [asdict(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return {asdict(k): asdict(v) for k, v in obj.items()}
    return obj


def astuple(obj):
    if hasattr(obj, '__dataclass_fields__'):
        return tuple(astuple(getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, list):
        return [astuple(v) for v in obj]
    return obj


def replace(obj, **changes):
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def is_dataclass(obj):
    return hasattr(obj, '__dataclass_fields__')
