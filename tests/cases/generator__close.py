# checks: generator close(): GeneratorExit at the paused yield, finally runs, ignoring it is a RuntimeError
def counter():
    try:
        for n in range(10):
            yield n
    except GeneratorExit as e:
        print("caught", repr(e))
        raise
    finally:
        print("finally runs")
g = counter()
print(next(g), next(g), g.close())
print(list(g), g.close())
def fresh():
    print("never printed")
    yield 1
f = fresh()
print(f.close(), list(f))
def stubborn():
    try:
        yield "first"
    except GeneratorExit:
        print("ignoring GeneratorExit")
        yield "second"
def returns():
    try:
        yield 1
    except GeneratorExit:
        return "done"
def raises():
    try:
        yield 1
    finally:
        raise ValueError("from finally")
for gen in [stubborn(), returns(), raises()]:
    next(gen)
    try:
        print(gen.close(), list(gen))
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
