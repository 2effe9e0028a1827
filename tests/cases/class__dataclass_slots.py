# checks: dataclasses (repr, eq, order, defaults, field(default_factory)), namedtuple
from dataclasses import dataclass, field
from collections import namedtuple
@dataclass(order=True)
class Item:
    price: float
    name: str = "thing"
    tags: list = field(default_factory=list)
a, b = Item(2.5, "pen"), Item(1.0)
b.tags.append("cheap")
print(a, b, a == Item(2.5, "pen"), sorted([a, b]))
Pt = namedtuple("Pt", "x y")
p = Pt(1, y=2)
print(p, p.x + p.y, p._asdict(), p._replace(x=9), tuple(p))
