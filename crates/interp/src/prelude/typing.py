# typing for proclab: names only (annotations are not checked).


class _Alias:
    def __getitem__(self, item):
        return self

    def __call__(self, *args, **kwargs):
        return None


Any = _Alias()
List = _Alias()
Dict = _Alias()
Tuple = _Alias()
Set = _Alias()
Optional = _Alias()
Union = _Alias()
Callable = _Alias()
Iterable = _Alias()
Iterator = _Alias()
Sequence = _Alias()
Generator = _Alias()


def TypeVar(name, *constraints, **kwargs):
    return _Alias()


def cast(typ, val):
    return val
