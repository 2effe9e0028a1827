# checks: NameError for an undefined name, caught then uncaught (with "Did you mean" suggestion)
try:
    print(undefined_thing)
except NameError as e:
    print("NameError:", e)
counter = 1
def use():
    return countr + 1
use()
