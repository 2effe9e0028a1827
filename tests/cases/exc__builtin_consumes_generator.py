# checks: an error raised while a built-in (list, sum, sorted, max, dict, join) consumes an
# iterator shows only the program's frames, as CPython's built-ins have none
def parse(s):
    return int(s)

for make in (lambda: list(map(int, ["1", "x"])),
             lambda: sum(parse(s) for s in ["2", "y"]),
             lambda: sorted(parse(s) for s in ["3", "z"]),
             lambda: max(int(s) for s in ["4", "w"]),
             lambda: "".join(str(int(s)) for s in ["5", "v"])):
    try:
        make()
    except ValueError as e:
        print("caught:", e)

print(dict((k, int(v)) for k, v in [("a", "1"), ("b", "q")]))
