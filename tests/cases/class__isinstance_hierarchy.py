# checks: isinstance/issubclass across a hierarchy, abstract base class instantiation error
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return round(3.14159 * self.r ** 2, 2)
shapes = [Sq(2), Circle(1)]
for s in shapes:
    print(type(s).__name__, s.area(), isinstance(s, Shape), isinstance(s, Sq))
print(issubclass(Sq, Shape), issubclass(Sq, object))
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
