# checks: open() write then read: read(), readline(), readlines(), iteration, write return value
n = 0
with open("notes.txt", "w") as f:
    n += f.write("first line\n")
    n += f.write("second line\n")
    f.writelines(["third\n", "fourth"])
print("chars written", n)
with open("notes.txt") as f:
    print(repr(f.read()))
with open("notes.txt") as f:
    print(repr(f.readline()), repr(f.readline()))
    print(f.readlines())
with open("notes.txt") as f:
    for i, line in enumerate(f, 1):
        print(i, line.rstrip("\n"))
with open("notes.txt") as f:
    print(repr(f.read(5)), repr(f.read(3)), f.tell())
