# checks: keyword-only parameters after *, positional-only before /, and their errors
def f(a, /, b, *, c):
    return a, b, c
print(f(1, 2, c=3), f(1, b=2, c=3))
for call in ["f(1, 2, 3)", "f(a=1, b=2, c=3)", "f(1, 2)"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)
def g(*, key=None):
    return key
print(g(), g(key="k"))
