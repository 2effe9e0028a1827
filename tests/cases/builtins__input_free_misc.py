# checks: misc builtins: repr/str/ascii, iter/next with default, getattr/setattr/hasattr, vars, dir filtering
it = iter([1, 2])
print(next(it), next(it), next(it, "exhausted"))
class Box:
    def __init__(self):
        self.size = 3
b = Box()
setattr(b, "color", "red")
print(getattr(b, "size"), getattr(b, "nope", "default"), hasattr(b, "color"), vars(b))
delattr(b, "color")
print(vars(b), [n for n in dir(b) if not n.startswith("_")])
print(repr("x"), str(b"x"), ascii("ñ"), format(3.5, "08.2f"), hash(7), int.__name__)
