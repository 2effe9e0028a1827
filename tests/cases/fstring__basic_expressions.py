# checks: f-strings with expressions, method calls, nested quotes and braces escaping
name, n = "Ada", 3
print(f"Hello {name}, you have {n} new {'message' if n == 1 else 'messages'}")
print(f"{n * 2 + 1} {name.upper()} {len(name)} {[i * i for i in range(n)]}")
print(f"{{literal}} {name!r} {name!s} {'quote'!r}")
d = {"k": 5}
print(f"{d['k']} {d}")
print(f"{n=} {name=}")
