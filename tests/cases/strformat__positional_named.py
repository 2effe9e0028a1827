# checks: str.format with positional, numbered, named, indexed and attribute fields
print("{} + {} = {}".format(1, 2, 3))
print("{1} {0} {1}".format("a", "b"))
print("{name} is {age}".format(name="Bo", age=7))
print("{0[1]} {d[key]} {0[0]}".format(["x", "y"], d={"key": "v"}))
class C:
    attr = "attribute"
print("{c.attr} {{braces}}".format(c=C()))
print("{:>8}|{:<6}|{:^7}|".format("r", "l", "c"))
print("{:08.3f} {:,} {:x} {!r}".format(3.14159, 10 ** 6, 255, "s"))
data = {"a": 1, "b": 2}
print("{a}-{b}".format(**data))
