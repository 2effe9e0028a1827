# checks: map/filter laziness, sorted with key and reverse, stability, reversed
nums = [5, -3, 2, -8, 1]
print(list(map(abs, nums)), list(map(lambda a, b: a + b, [1, 2], [10, 20])))
print(list(filter(lambda n: n > 0, nums)), list(filter(None, [0, 1, "", "x", None])))
print(sorted(nums), sorted(nums, key=abs), sorted(nums, reverse=True))
words = ["bb", "a", "ccc", "dd", "e"]
print(sorted(words, key=len), sorted(words, key=lambda w: (-len(w), w)))
print(list(reversed(nums)), list(reversed(range(4))), "".join(reversed("abc")))
m = map(str, [1, 2])
print(type(m).__name__, list(m), list(m))
