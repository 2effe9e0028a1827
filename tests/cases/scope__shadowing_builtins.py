# checks: LEGB name resolution, shadowing a builtin locally, del of a shadowing name
x = "global"
def f():
    x = "enclosing"
    def g():
        return x
    return g()
print(f(), x)
def h():
    len = lambda s: 42
    return len("abc")
print(h(), len("abc"))
list = "shadowed"
print(list)
del list
print(list("ab"))
