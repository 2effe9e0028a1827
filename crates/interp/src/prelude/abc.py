# abc for proclab: enough for `class Shape(ABC)` with `@abstractmethod` (not enforced).


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class ABCMeta(type):
    pass


class ABC:
    pass
