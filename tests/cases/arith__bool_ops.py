# checks: and/or return operands, not, truthiness of values, short-circuit
print(0 or "default", "" or [] or None, 3 and 4, 0 and 1/0, None or 0)
print(not 0, not "x", not [], bool([0]), bool(""), bool(0.0), bool("False"))
def side(v):
    print("side", v)
    return v
print(side(False) and side(True))
print(side(True) or side(False))
print(True == 1, False == 0, True + 1, isinstance(True, int))
