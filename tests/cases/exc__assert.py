# checks: assert with and without a message, caught AssertionError, then an uncaught failing assert
def check_positive(n):
    assert n > 0, f"expected positive, got {n}"
    return n
print(check_positive(3))
try:
    check_positive(-1)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert 1 == 2
except AssertionError as e:
    print("empty message:", repr(str(e)))
x = [1, 2]
assert len(x) == 3, "list should have 3 items"
