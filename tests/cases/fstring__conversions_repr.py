# checks: !r/!s/!a conversions in f-strings and their interaction with format specs
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
p = P()
print(f"{p} {p!r} {p!s}")
s = "tab\there"
print(f"{s!r} {'é'!a} {s!r:>20}|")
print(f"{[1, 'a']!s} {None!r} {3.0!r}")
