# exec() and globals() act on the module whose code calls them, also right after an import
# (which runs the imported module's body) and after a builtin that called back into Python.
import os
import functools

exec("def tripled(x):\n    return x * 3\n")
exec("answer = 42")


def use():
    return tripled(4), answer


print(use())
print(tripled(2), answer)

words = sorted(["pear", "fig", "apple"], key=lambda w: len(w))
exec("shortest = words[0]")
print(shortest, "shortest" in globals())

import collections

print(collections.Counter("aab")["a"], sorted(k for k in globals() if not k.startswith("__"))[:4])


def inside():
    total = functools.reduce(lambda a, b: a + b, [1, 2, 3])
    return total, "shortest" in globals()


print(inside())
