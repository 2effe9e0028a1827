# checks: contextlib.contextmanager generator-based managers, suppress, nested cleanup order
from contextlib import contextmanager, suppress
@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("html"):
    with tag("body") as t:
        print("content", t)
with suppress(ZeroDivisionError):
    print("before")
    1 / 0
    print("not reached")
print("after suppress")
try:
    with tag("div"):
        raise RuntimeError("inside div")
except RuntimeError as e:
    print("caught", e)
