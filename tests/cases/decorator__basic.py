# checks: function decorators wrapping calls, functools.wraps, stacking order
import functools
def loud(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper
def bracket(fn):
    def wrapper(*a):
        return "[" + fn(*a) + "]"
    return wrapper
@loud
def add(a, b=1):
    return a + b
@bracket
@bracket
def word(w):
    return w
add(2, b=3)
print(add.__name__, word("x"), word.__name__)
