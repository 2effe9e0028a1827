# checks: recursive functions: factorial, fibonacci with memo, hanoi, mutual recursion
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(25))
memo = {}
def fib(n):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print([fib(i) for i in range(15)], fib(90))
moves = []
def hanoi(n, a, b, c):
    if n:
        hanoi(n - 1, a, c, b)
        moves.append(a + c)
        hanoi(n - 1, b, a, c)
hanoi(3, "A", "B", "C")
print(len(moves), " ".join(moves))
def is_even(n): return True if n == 0 else is_odd(n - 1)
def is_odd(n): return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7))
import functools
@functools.lru_cache(maxsize=None)
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)
print(ways(50))
