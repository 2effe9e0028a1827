# checks: comparison operators, chained comparisons and their short-circuit evaluation
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, x == 5 != 4)
print(3 == 3.0, 1 != 1.0, "a" < "b", "Z" < "a", [1, 2] < [1, 3], (1, 2) < (1, 2, 0))
def val(v):
    print("eval", v)
    return v
print(val(1) < val(0) < val(5))
print(val(1) < val(2) < val(3))
print(None is None, [] == [], [] is not [])
