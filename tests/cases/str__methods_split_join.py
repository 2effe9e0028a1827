# checks: split/rsplit/splitlines/partition/join
s = "a,b,,c"
print(s.split(","), s.split(",", 1), s.rsplit(",", 1))
print("  many   spaces here ".split(), "x y z".split(" "))
print("line1\nline2\r\nline3".splitlines(), "k=v=w".partition("="), "k=v=w".rpartition("="))
print("-".join(["2024", "01", "02"]), "".join(reversed("stressed")), ", ".join(map(str, range(4))))
