# abc for proclab: enough for `class Shape(ABC)` with `@abstractmethod` (not enforced).


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class ABCMeta(type):
    __abstract_check__ = True


class ABC:
    # Tells the VM to check for unimplemented abstract methods at instantiation.
    __abstract_check__ = True
