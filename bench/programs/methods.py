# Method calls on an object: a bound method's call, an attribute read and write per call.
class Counter:
    def __init__(self):
        self.total = 0

    def add(self, n):
        self.total += n % 7
        return self.total


c = Counter()
for i in range(500000):
    c.add(i)
print(c.total)
