# checks: partial output of a loop followed by an uncaught ValueError from int()
for token in ["1", "22", "three", "4"]:
    print("parsed", int(token))
