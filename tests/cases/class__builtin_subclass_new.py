# checks: subclasses of tuple, float, str and int with their own __new__ (tuple.__new__(cls, ...), super().__new__), unpacking and formatting them
class Pair(tuple):
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
p = Pair(1, 2)
x, y = p
print(x, y, p, len(p), p.first, type(p).__name__, isinstance(p, tuple))
class L(list):
    pass
l = L([1, 2]); a, b = l; print(a, b, l)
class Celsius(float):
    def __new__(cls, v):
        return super().__new__(cls, v)
    def show(self):
        return f'{self:.1f}C'
c = Celsius(21.456)
print(c.show(), c + 1, isinstance(c, float))
class Up(str):
    def __new__(cls, s):
        return str.__new__(cls, s.upper())
print(Up('abc'), Up('x') + 'y', len(Up('hey')))
class Even(int):
    def __new__(cls, n):
        return int.__new__(cls, n - n % 2)
print(Even(7), Even(7) * 2, type(Even(3)).__name__)
print(tuple.__new__(tuple, [1, 2]), str.__new__(str, 5))
