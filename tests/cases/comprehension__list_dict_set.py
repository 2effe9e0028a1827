# checks: list/dict/set comprehensions with conditions, nested loops, and scope of the loop variable
squares = [x * x for x in range(6)]
evens = [x for x in range(10) if x % 2 == 0]
pairs = [(i, j) for i in range(3) for j in range(i)]
flat = [y for row in [[1, 2], [3], []] for y in row]
grid = [[r * 3 + c for c in range(3)] for r in range(2)]
print(squares, evens, pairs, flat, grid)
print({w: len(w) for w in ["ab", "cde"]}, {n % 4 for n in range(10)})
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
x = "outer"
_ = [x for x in range(3)]
print(x)
