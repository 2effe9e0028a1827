# checks: OrderedDict repr, move_to_end, popitem(last=...), equality, an LRU idiom
from collections import OrderedDict

od = OrderedDict()
od["b"] = 2
od["a"] = 1
od["c"] = 3
print(od, len(od), list(od), isinstance(od, dict))
print(repr(OrderedDict()), OrderedDict(x=1, y=2), OrderedDict([("k", [1, 2])]))
od.move_to_end("b")
print(od)
od.move_to_end("c", last=False)
print(od, list(od.keys()), list(od.values()))
print(od.popitem(), od.popitem(last=False), od)
od.update(z=26, y=25)
print(od, od["z"], od.get("q", 0), "y" in od)
o1 = OrderedDict(a=1, b=2)
o2 = OrderedDict(b=2, a=1)
print(o1 == o2, o1 != o2, o1 == dict(o2), dict(o2) == o1, o1 == o1.copy())
print(type(o1.copy()).__name__, OrderedDict.fromkeys("xy", 0), o1 | {"c": 3})
lru = OrderedDict()
for key in ["a", "b", "c", "a", "d", "b", "e"]:
    if key in lru:
        lru.move_to_end(key)
    lru[key] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru))
for bad in (lambda: OrderedDict().popitem(), lambda: od.move_to_end("missing")):
    try:
        bad()
    except KeyError as e:
        print("KeyError:", e)
