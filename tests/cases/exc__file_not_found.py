# checks: FileNotFoundError when opening a missing file (message with errno and name)
try:
    open("no_such_file.txt")
except FileNotFoundError as e:
    print("caught:", e.errno, e.strerror, e.filename)
    print(e)
with open("also_missing.txt") as f:
    print(f.read())
