# checks: *args and **kwargs collection and unpacking at call sites
def show(*args, **kwargs):
    print("args =", args, "kwargs =", kwargs)
show()
show(1, 2, x=3)
show(*[4, 5], *(6,), **{"a": 1}, b=2)
def total(first, *rest):
    return first + sum(rest)
print(total(1), total(1, 2, 3))
def point(x, y, z=0):
    return (x, y, z)
print(point(*(1, 2)), point(**{"y": 5, "x": 4}), point(1, *[2], **{"z": 3}))
