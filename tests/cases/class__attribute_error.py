# checks: AttributeError messages for instances, modules and None, then uncaught
class Thing:
    def __init__(self):
        self.known = 1
t = Thing()
for expr in ["t.unknown", "None.upper()", "(5).append(1)", "'s'.nope"]:
    try:
        eval(expr)
    except AttributeError as e:
        print(expr, "->", e)
print(t.known)
print(t.missing)
