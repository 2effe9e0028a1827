# checks: multiple except clauses, tuple of types, handler order, bare except, exception args
def classify(thunk):
    try:
        thunk()
    except (KeyError, IndexError) as e:
        return f"lookup {type(e).__name__} {e.args}"
    except ArithmeticError as e:
        return f"arith {type(e).__name__}"
    except Exception as e:
        return f"other {type(e).__name__}: {e}"
    return "ok"
print(classify(lambda: [][1]))
print(classify(lambda: {}["k"]))
print(classify(lambda: 1 / 0))
print(classify(lambda: int("z")))
print(classify(lambda: None))
try:
    raise ValueError("a", 2)
except:
    print("bare except caught")
