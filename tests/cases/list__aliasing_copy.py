# checks: references vs shallow copies vs deep copies
import copy
a = [1, [2, 3]]
b = a
c = a[:]
d = copy.deepcopy(a)
a[0] = 99
a[1].append(4)
print(a, b, c, d)
print(a is b, a is c, a == b, c[1] is a[1], d[1] is a[1])
def mutate(lst):
    lst.append("added")
    lst = ["rebound"]
    return lst
x = []
print(mutate(x), x)
