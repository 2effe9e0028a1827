# checks: string concatenation, repetition, membership, iteration and comparison
a = "abc"
b = a
a += "def"
print(a, b, a is b)
print("-" * 10, "ab" + "cd", "b" in "abc", "x" not in "abc")
for ch in "hi!":
    print(ch, end=".")
print()
print(sorted("banana"), max("hello"), list("abc"), "abc" * 0 == "")
