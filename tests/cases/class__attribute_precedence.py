# Which definition wins when an attribute is read or written: a property of the class (or of a
# base) comes before the instance's own value, the instance's value before a method or class
# attribute, and __setattr__ (in a base) sees every write, even one that ends in a property.
class Base:
    kind = "base"

    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)

    @property
    def size(self):
        return len(self.__dict__) * 10

    def hello(self):
        return "method"


class Child(Base):
    def __init__(self):
        self.hello = "own value"
        self.count = 1

    @property
    def doubled(self):
        return self.count * 2

    @doubled.setter
    def doubled(self, v):
        self.count = v // 2


c = Child()
print(c.hello, c.kind, c.count, c.doubled)
c.doubled = 10
print(c.count, c.doubled)
try:
    c.size = 4
except AttributeError as e:
    print("AttributeError:", e)
object.__setattr__(c, "doubled", 30)
print(c.size, c.count, sorted(c.__dict__))
c.kind = "mine"
print(c.kind, Child.kind, c.__class__.__name__, type(c).__name__)
del c.hello
print(c.hello())


class Bag:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)

    def total(self, extra):
        return sum(self) + extra


b = Bag([1, 2, 3])
print(list(b), sum(b), sorted(b, reverse=True), b.total(4), max(b), any(b))
print(", ".join(str(x) for x in b))
