# checks: execution order of try/except/else/finally for success, handled error and return-in-try
def run(x):
    try:
        print("try", x)
        r = 10 // x
    except ZeroDivisionError:
        print("except")
        return "from-except"
    else:
        print("else", r)
        return "from-else"
    finally:
        print("finally")
print(run(2))
print(run(0))
def finally_wins():
    try:
        return "try"
    finally:
        return "finally"
print(finally_wins())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("cleanup", i)
