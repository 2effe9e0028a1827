# checks: set operations on small ints (deterministic order), methods, frozenset
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= {1, 2, 3, 4, 5}, {1} < a)
a.add(9); a.discard(100); a.remove(1)
print(a, len(a), 3 in a, sorted(a, reverse=True))
print(set([1, 1, 2, 2]), set(), frozenset([3, 1]), {x % 3 for x in range(10)})
print(a.union([7]), a.intersection(b), a.difference(b), a.isdisjoint({42}))
try:
    a.remove(100)
except KeyError as e:
    print("KeyError:", e)
print(sorted({"pear", "apple", "fig"}))
