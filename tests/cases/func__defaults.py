# checks: default arguments, evaluated once (mutable default pitfall), None sentinel
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"))
def bad(item, bucket=[]):
    bucket.append(item)
    return bucket
print(bad(1), bad(2), bad(3, []), bad(4))
def good(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket
print(good(1), good(2))
print(greet.__defaults__, greet.__name__)
