# checks: lambda expressions: sorting keys, immediate call, conditional expression, defaults
add = lambda a, b=10: a + b
print(add(1), add(1, 2), (lambda: "called")(), add.__name__)
people = [("zed", 30), ("amy", 25), ("bob", 30)]
print(sorted(people, key=lambda p: (p[1], p[0])))
sign = lambda n: "neg" if n < 0 else ("zero" if n == 0 else "pos")
print([sign(n) for n in (-2, 0, 3)])
compose = lambda f, g: lambda x: f(g(x))
print(compose(str.upper, str.strip)("  hi "))
