# checks: divmod, pow with modulus, abs, min/max on mixed numbers
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
print(pow(2, 10), pow(3, 4, 5), pow(2, -2), pow(7, -1, 11))
print(abs(-7), abs(3.5), abs(-0.0), abs(3 + 4j))
print(min(3, 1.5, 2), max([4, 9, 2]), max("apple", "pear", key=len))
print(sum([0.1] * 10), sum(range(101)), sum([[1], [2]], []))
