# checks: type() names, isinstance with tuples and inheritance, issubclass, callable
values = [1, 1.0, "s", b"b", [1], (1,), {1: 2}, {1}, None, True, len, range(2), 1j]
for v in values:
    print(type(v).__name__, end=" ")
print()
print(type(1), type("x"), type(None))
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(3, (str, int)), issubclass(bool, int), issubclass(A, B))
print(callable(len), callable(3), type(B()).__name__, B.__name__, B.__mro__)
print(type(3) is int, type(True) == int)
