# checks: docstrings, annotations are stored but not enforced, functions as first-class objects
def area(w: float, h: float = 1.0) -> float:
    """Return the area of a rectangle."""
    return w * h
print(area.__doc__, area.__annotations__, area("ab", 2))
ops = {"add": lambda a, b: a + b, "area": area}
print(ops["add"](2, 3), ops["area"](2, 3), sorted(ops))
def apply_twice(f, x):
    return f(f(x))
print(apply_twice(lambda v: v * 10, 3))
