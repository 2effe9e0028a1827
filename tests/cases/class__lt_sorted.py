# checks: __lt__ enables sorted/min/max; functools.total_ordering; TypeError without it
import functools
@functools.total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __eq__(self, o):
        return self.parts == o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
vs = [Version(s) for s in ["1.10", "1.2", "0.9.9", "1.2.1"]]
print(sorted(vs), min(vs), max(vs), Version("1.0") >= Version("0.9"))
class NoOrder:
    pass
try:
    sorted([NoOrder(), NoOrder()])
except TypeError as e:
    print("TypeError:", e)
