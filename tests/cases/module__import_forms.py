# checks: import styles (import as, from-import, module attributes) and __name__ of the main script
import math as m
from collections import deque
from string import ascii_lowercase, digits
import itertools, functools
print(__name__, m.sqrt(81), ascii_lowercase[:5], digits)
dq = deque([1, 2, 3], maxlen=4)
dq.appendleft(0); dq.append(4)
print(dq, dq.popleft(), dq.pop(), list(dq))
print(functools.reduce(lambda a, b: a * b, range(1, 6)), list(itertools.accumulate([1, 2, 3])))
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
