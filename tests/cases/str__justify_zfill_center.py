# checks: ljust/rjust/center/zfill/expandtabs and building a text table
rows = [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("banana", 100, 12.0)]
for name, qty, price in rows:
    print(name.ljust(8) + str(qty).rjust(5) + ("%.2f" % price).rjust(8))
print("title".center(15, "="), "42".zfill(6), "-42".zfill(6), "a\tb".expandtabs(4))
