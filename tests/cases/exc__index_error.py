# checks: IndexError messages for list, tuple, string, pop from empty list; uncaught at the end
for thunk, label in [(lambda: [1, 2][5], "list"), (lambda: (1,)[-3], "tuple"), (lambda: "ab"[2], "str"),
                     (lambda: [].pop(), "pop"), (lambda: range(3)[3], "range")]:
    try:
        thunk()
    except IndexError as e:
        print(label, "->", e)
items = [10, 20, 30]
for i in range(4):
    print(items[i])
