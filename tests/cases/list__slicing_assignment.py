# checks: list slicing, slice assignment, del, negative steps
a = list(range(10))
print(a[2:5], a[::3], a[::-1], a[-2:])
a[2:5] = ["x"]
print(a)
del a[0]
del a[::2]
print(a)
a[1:1] = [100, 200]
print(a)
a[:] = []
print(a)
m = [[0] * 3 for _ in range(2)]
m[0][1] = 7
print(m)
alias = [[0] * 3] * 2
alias[0][1] = 7
print(alias)
