# checks: append mode adds to the end; write mode truncates; counting lines after appends
with open("log.txt", "w") as f:
    f.write("start\n")
for i in range(3):
    with open("log.txt", "a") as f:
        f.write(f"entry {i}\n")
with open("log.txt") as f:
    lines = f.readlines()
print(len(lines), lines)
with open("log.txt", "w") as f:
    f.write("reset\n")
with open("log.txt") as f:
    print(f.read(), end="")
with open("log.txt", "a+") as f:
    f.write("more\n")
    f.seek(0)
    print(f.read().split())
