# checks: set operators on dict keys/items views (with views, sets, iterables) and reversed() on dicts and views
d1 = {"a": 1, "b": 2, "c": 3}
d2 = {"b": 20, "c": 3, "d": 4}
print(sorted(d1.keys() & d2.keys()), sorted(d1.keys() | d2.keys()))
print(sorted(d1.keys() - d2.keys()), sorted(d1.keys() ^ d2.keys()))
print(type(d1.keys() & d2.keys()).__name__, type(d1.keys() - d2.keys()).__name__)
print(sorted(d1.items() & d2.items()), sorted(d1.items() - d2.items()))
print(sorted(d1.items() ^ d2.items()))
print(sorted(d1.keys() & {"a", "z"}), sorted(d1.keys() | ["z"]), sorted(d1.keys() - "ab"))
print(sorted({"a", "z"} & d1.keys()), sorted({"a", "z"} - d1.keys()), sorted(["z", "a"] ^ d1.keys()))
print(sorted(("a", "q") | d2.keys()))
print(sorted(d1.items() | {("z", 0)}), ("a", 1) in (d1.items() & d2.items() | {("a", 1)}))
e = {}
print(e.keys() & d1.keys(), e.keys() | set(), d1.keys() - d1)
s = {"b"}
s |= d1.keys()
print(sorted(s), type(s).__name__)
n = {1: "x", 2: "y", 3: "z"}
print(list(reversed(n)), list(reversed(n.keys())))
print(list(reversed(n.values())), list(reversed(n.items())))
print(list(reversed({})), next(reversed(n.items())))
try:
    d1.values() & d2.values()
except TypeError as err:
    print("TypeError", err)
try:
    d1.keys() & 5
except TypeError as err:
    print("TypeError", err)
