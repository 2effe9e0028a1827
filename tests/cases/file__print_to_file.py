# checks: print(file=f) writes to a file; binary mode read/write; file object attributes
with open("out.txt", "w") as f:
    print("hello", 42, sep=":", file=f)
    print("second", file=f)
    print(f.name, f.mode, f.closed)
with open("out.txt") as f:
    print(f.read().splitlines())
with open("blob.bin", "wb") as f:
    f.write(bytes(range(5)))
with open("blob.bin", "rb") as f:
    data = f.read()
print(data, len(data), type(data).__name__)
with open("out.txt", "r", encoding="utf-8") as f:
    print(sum(1 for _ in f))
