# checks: RecursionError message when recursion is unbounded (caught), program continues
import sys
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
print(sys.getrecursionlimit())
print("still running")
