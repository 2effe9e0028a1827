# checks: sys.setrecursionlimit raises the limit (deep recursion works), its errors, and the
# depth reached at the default limit
import sys

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

def deepest(n):
    try:
        return deepest(n + 1)
    except RecursionError:
        return n

print(sys.getrecursionlimit(), deepest(0))
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit(), depth(4000))
for bad in (0, -3, "many"):
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit(), deepest(0))
