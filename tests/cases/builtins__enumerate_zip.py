# checks: enumerate (with start) and zip (unequal lengths, unzipping)
names = ["ann", "bob", "cy"]
for i, n in enumerate(names):
    print(i, n)
print(list(enumerate("ab", start=1)))
ages = [31, 25]
print(list(zip(names, ages)), dict(zip(names, ages)))
pairs = [(1, "a"), (2, "b"), (3, "c")]
nums, letters = zip(*pairs)
print(nums, letters, list(zip()), list(zip(range(3), "xyz", [True] * 3)))
