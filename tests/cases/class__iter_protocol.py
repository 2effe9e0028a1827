# checks: __iter__/__next__ iterator classes and __iter__ as a generator
class CountUp:
    def __init__(self, stop):
        self.stop = stop
        self.cur = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur >= self.stop:
            raise StopIteration
        self.cur += 1
        return self.cur
c = CountUp(3)
print(list(c), list(c))
class Tree:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        for it in self.items:
            yield it
            yield it * 10
t = Tree(1, 2)
print(list(t), list(t), sum(t), max(t))
for a, b in zip(CountUp(2), Tree(7)):
    print(a, b)
