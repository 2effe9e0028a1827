# checks: super() reaches a built-in base's operators (dict/list subclasses) and object's
# __setattr__, __str__ and __repr__
class UpperDict(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value.upper())

    def __getitem__(self, key):
        return "<" + super().__getitem__(key) + ">"

    def __contains__(self, key):
        return super().__contains__(key.lower())

d = UpperDict()
d["a"] = "x"
print(d, d["a"], "A" in d, len(d))

class Stack(list):
    def __getitem__(self, i):
        print("get", i)
        return super().__getitem__(i)

    def __len__(self):
        return super().__len__() * 10

s = Stack([1, 2, 3])
print(s[0], len(s), list(super(Stack, s).__iter__()))

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)

    def __str__(self):
        return "Point" + super().__str__()[-1:]

p = Point(1, 2)
print(p.x, p.y, str(p))

class Logged(dict):
    def __repr__(self):
        return "Logged" + super().__repr__()

print(Logged(a=1), Logged(b=2) == {"b": 2}, super(Logged, Logged(c=3)).__eq__({"c": 3}))

class Q:
    def __repr__(self):
        return "Q" + super().__repr__()[:11]

print(repr(Q()), str(Q()))
