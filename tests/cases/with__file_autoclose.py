# checks: with open() closes the file even when an exception escapes the block
try:
    with open("data.txt", "w") as f:
        f.write("partial\n")
        raise RuntimeError("stop")
except RuntimeError:
    print("closed:", f.closed)
with open("data.txt") as f:
    print(repr(f.read()), f.closed)
print(f.closed)
