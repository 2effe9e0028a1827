# checks: bare raise re-raises the active exception; finally runs before the uncaught traceback
def risky():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        print("logging and re-raising")
        raise
    finally:
        print("finally in risky")
try:
    risky()
except RuntimeError as e:
    print("outer caught", e)
try:
    risky()
finally:
    print("outer finally")
