# checks: itertools combinations_with_replacement, compress, filterfalse, pairwise, tee and friends
import itertools
from itertools import combinations_with_replacement, compress, tee, pairwise, filterfalse

print(list(combinations_with_replacement("ABC", 2)))
print(list(combinations_with_replacement(range(3), 3))[:5], list(combinations_with_replacement([], 2)))
print(list(combinations_with_replacement("ab", 0)))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress(range(10), [True, False] * 2)))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "x", None])))
print(list(pairwise("abcd")), list(pairwise([1])), list(pairwise([])))
a, b = tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = tee(range(3), 3)
print(list(x), list(zip(y, z)), len(tee("ab", 0)))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.zip_longest("abc", [1], fillvalue="-")))
print([(k, list(g)) for k, g in itertools.groupby("aaabccaa")])
print(list(itertools.accumulate([3, 1, 4, 1, 5], max)), list(itertools.accumulate([1, 2, 3], initial=10)))
print(list(itertools.takewhile(lambda v: v < 3, [1, 2, 5, 1])), list(itertools.dropwhile(lambda v: v < 3, [1, 2, 5, 1])))
prices = [10, 12, 9, 15]
print([b - a for a, b in pairwise(prices)])
for bad in (lambda: tee([], -1), lambda: combinations_with_replacement("a", -1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
try:
    pairwise(5)
except TypeError as e:
    print("TypeError:", e)
