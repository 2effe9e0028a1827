# checks: __str__ vs __repr__ in print, str(), repr(), containers and f-strings; default repr masked
# mode: normalized
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"
class Plain:
    pass
p = Point(1, 2)
print(p, str(p), repr(p), [p], {"k": p}, f"{p} {p!r}")
print(OnlyRepr(), str(OnlyRepr()))
print(Plain())
