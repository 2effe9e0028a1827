# checks: with-statement calls __enter__/__exit__, __exit__ sees exceptions and can suppress them
class Resource:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Resource("a") as r:
    print("inside", r.name)
with Resource("b", suppress=True):
    raise ValueError("swallowed")
print("after b")
try:
    with Resource("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", e)
with Resource("x") as x, Resource("y") as y:
    print("both", x.name, y.name)
