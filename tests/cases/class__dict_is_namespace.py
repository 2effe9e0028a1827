# checks: an instance's __dict__ is its namespace: writes through it are attributes, and the
# same dict sees later attribute changes; threading.local keeps one value per thread
import threading

class Config:
    def __init__(self, **kw):
        self.__dict__.update(kw)

c = Config(debug=True, level=3)
print(c.debug, c.level, vars(c))
d = c.__dict__
print(d is c.__dict__)
c.name = "x"
print(d)
d["extra"] = 1
del d["level"]
print(c.extra, hasattr(c, "level"), sorted(k for k in dir(c) if not k.startswith("_")))
del c.debug
print(d, c.__dict__)

class Point:
    def __init__(self, x, y):
        self.__dict__["x"] = x
        self.__dict__["y"] = y
p = Point(1, 2)
print(p.x + p.y, p.__dict__)

local = threading.local()
local.name = "main"
results = []
def work(n):
    local.name = f"worker-{n}"
    results.append((n, local.name))
ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results), local.name)
print(hasattr(local, "name"))
