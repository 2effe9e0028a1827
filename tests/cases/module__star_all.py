# `from M import *` takes the names in M.__all__ when M has one, as getattr finds them.
x = 1
_hidden = 2
__all__ = ["x", "_hidden"]
from __main__ import *
print(x, _hidden)
__all__ = ["x", 3]
try:
    from __main__ import *
except TypeError as e:
    print("TypeError:", e)
__all__ = ["x", "missing"]
try:
    from __main__ import *
except AttributeError as e:
    print("AttributeError:", e)
