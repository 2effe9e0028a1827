# checks: generator expressions, send() into a running generator, infinite generators with islice
import itertools
def accumulator():
    total = 0
    while True:
        x = yield total
        total += x
acc = accumulator()
print(next(acc), acc.send(5), acc.send(10))
gen = (n * n for n in range(5))
print(sum(gen), sum(gen))
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(itertools.islice(naturals(), 5)), list(itertools.islice((c for c in "abcdef"), 1, 6, 2)))
print(list(itertools.chain([1], (2, 3))), list(itertools.product("ab", repeat=2)), list(itertools.permutations([1, 2, 3], 2)))
