# checks: uncaught RecursionError traceback (CPython collapses repeated frames)
# mode: exact
def forever(n):
    return forever(n + 1)
print("before")
forever(0)
