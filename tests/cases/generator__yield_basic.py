# checks: generator functions are lazy, resume after yield, and raise StopIteration when done
def countdown(n):
    print("start")
    while n > 0:
        yield n
        n -= 1
    print("end")
g = countdown(3)
print(type(g).__name__)
print(next(g))
print(next(g))
for v in g:
    print("loop", v)
try:
    next(g)
except StopIteration:
    print("StopIteration")
