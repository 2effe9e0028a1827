# checks: yield from delegation and the delegated generator's return value
def inner():
    yield 1
    yield 2
    return "inner-done"
def outer():
    r = yield from inner()
    print("got", r)
    yield from range(3, 5)
    yield from "ab"
print(list(outer()))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5]])))
