# checks: list methods append/extend/insert/remove/pop/index/count/sort/reverse/copy/clear
a = [3, 1, 4]
a.append(1); a.extend([5, 9]); a.insert(0, 2)
print(a, len(a))
a.remove(1)
print(a, a.pop(), a.pop(0), a)
print(a.index(4), a.count(1), 5 in a)
b = a.copy(); b.sort(); print(a, b)
b.reverse(); print(b)
b.sort(reverse=True); print(b)
b.clear(); print(b)
try:
    a.remove(42)
except ValueError as e:
    print("ValueError:", e)
