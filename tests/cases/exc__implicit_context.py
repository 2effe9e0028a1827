# checks: exception raised inside an except block shows "During handling..." context; from None suppresses it
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise ValueError("not found") from None
try:
    lookup({}, "a")
except ValueError as e:
    print("suppressed:", e.__suppress_context__, e.__cause__)
try:
    {}["key"]
except KeyError:
    print(undefined_name)
