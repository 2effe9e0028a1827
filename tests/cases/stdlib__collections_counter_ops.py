# checks: Counter arithmetic (+ - & |, unary + -) dropping non-positive counts
from collections import Counter

a = Counter("abracadabra")
b = Counter("alakazam")
print(a)
print(b)
print(a + b)
print(a - b)
print(b - a)
print(a & b)
print(a | b)
c = Counter(x=3, y=-2, z=0)
print(+c, -c)
inventory = Counter(apples=5, pears=2)
sold = Counter(apples=2, pears=4, plums=1)
print(inventory - sold, sold - inventory)
print((inventory - sold).total(), sorted((inventory | sold).elements()))
inventory.subtract(sold)
print(inventory, +inventory)
print(Counter() - Counter(), Counter(a=1) & Counter(b=1))
print(type(a - b).__name__, (a | b).most_common(2))
s = Counter("hello")
s += Counter("world")
print(s)
try:
    Counter(5)
except TypeError as e:
    print("TypeError:", e)
