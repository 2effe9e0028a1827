# checks: decorator factories with arguments, decorators keeping state, class-based decorators
def repeat(times):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(times)]
        return wrapper
    return deco
@repeat(3)
def hi(name):
    return "hi " + name
print(hi("al"))
def count_calls(fn):
    def wrapper(*a):
        wrapper.calls += 1
        return fn(*a)
    wrapper.calls = 0
    return wrapper
@count_calls
def noop():
    pass
noop(); noop()
print(noop.calls)
class Trace:
    def __init__(self, fn):
        self.fn = fn
    def __call__(self, *a):
        print("trace", self.fn.__name__, a)
        return self.fn(*a)
@Trace
def sq(x):
    return x * x
print(sq(4))
