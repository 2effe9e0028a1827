# pickle for proclab: the exception classes. Values are pickled natively (vm/pickle.rs) when they
# cross processes through queues, pipes, shared cells and the manager.

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4


class PickleError(Exception):
    __module__ = '_pickle'


class PicklingError(PickleError):
    __module__ = '_pickle'


class UnpicklingError(PickleError):
    __module__ = '_pickle'
