# checks: isinstance with slice, format() with a spec on types without __format__, unpack of a non-iterable, int.bit_count
s = slice(1, 5, 2)
print(isinstance(s, slice), isinstance(3, slice), type(s) is slice, isinstance(s, (int, slice)))
print([0, 1, 2, 3, 4, 5][s], s.start, s.stop, s.step)
for v in [None, [1, 2], (3,), {"k": 1}, {4}]:
    print(repr(format(v, "")), repr(f"{v}"))
    for spec in [">10", "s", "^4"]:
        try:
            print(format(v, spec))
        except TypeError as e:
            print("TypeError:", e)
try:
    print(f"[{None:>6}]")
except TypeError as e:
    print("TypeError:", e)
print(format(3, ">4"), format("ab", ">4"), format(2.5, "<6") + "|")
for v in [5, None, 2.5]:
    try:
        a, b = v
    except TypeError as e:
        print("TypeError:", e)
try:
    first, *rest = 7
except TypeError as e:
    print("TypeError:", e)
x, y = "ab"
print(x, y)
for n in [0, 1, 7, 255, -255, 2**100 - 1, True, -(2**70)]:
    print(n, n.bit_count(), n.bit_length())
print(int.bit_count(10), (1023).bit_count())
