# checks: tuple packing/unpacking, starred assignment, swapping, single-element tuples
t = 1, 2, 3
a, b, c = t
print(t, a, b, c, type(t).__name__)
first, *rest = [1, 2, 3, 4]
*init, last = "abcd"
h, *mid, tl = range(5)
print(first, rest, init, last, h, mid, tl)
a, b = b, a
print(a, b, (5,), (), tuple("hi"), (1, 2) + (3,), (0,) * 3)
(p, q), r = (1, 2), 3
print(p, q, r, t.count(2), t.index(3))
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
