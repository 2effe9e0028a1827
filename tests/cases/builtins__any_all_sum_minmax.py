# checks: any/all (incl. empty), sum with start, min/max with key/default, len/range
print(any([0, 0, 1]), any([]), all([1, 2]), all([]), all(x > 0 for x in [1, -1]))
print(sum([1, 2, 3], 10), sum(x / 2 for x in range(3)), min([], default="none"))
print(max([("a", 3), ("b", 5)], key=lambda p: p[1]), min(4, 2, 8), max("xyz"))
print(len(range(0, 10, 3)), list(range(10, 0, -3)), range(5)[-1], 3 in range(5))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
