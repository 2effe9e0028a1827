# checks: operator functions, itemgetter/attrgetter/methodcaller and their reprs
import operator
from functools import reduce
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul(4, 5), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(5), operator.abs(-4))
print(operator.eq(1, 1), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.not_([]), operator.truth("x"), operator.is_(None, None), operator.is_not(1, None))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.index(7))
print(operator.contains([1, 2], 2), operator.concat([1], [2]), operator.getitem("abc", 1))
d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, reduce(operator.mul, range(1, 6)))
rows = [("bob", 3, "b"), ("amy", 1, "c"), ("cat", 2, "a")]
print(sorted(rows, key=itemgetter(1)), itemgetter(0, 2)(rows[0]), itemgetter(slice(1, None))("xyz"))
print(list(map(itemgetter("k"), [{"k": 1}, {"k": 2}])))


class P:
    def __init__(self, name, home):
        self.name, self.home = name, home


class Home:
    city = "Oslo"


p = P("ann", Home())
print(attrgetter("name")(p), attrgetter("home.city")(p), attrgetter("name", "home.city")(p))
print(methodcaller("upper")("hi"), methodcaller("split", ",", 1)("a,b,c"), methodcaller("replace", "a", "o")("banana"))
print(repr(itemgetter(1, "a")), repr(attrgetter("a.b", "c")), repr(methodcaller("f", 1, k=2)))
for bad in (lambda: itemgetter(), lambda: attrgetter(1), lambda: methodcaller(), lambda: operator.index(1.5)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
