# checks: closures capture variables (late binding), counters via closures
def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5))
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
print(double.__closure__[0].cell_contents)
