# checks: TypeError messages for unsupported operand types and non-callable/non-subscriptable objects
one, s, nothing, lst = 1, "a", None, []
cases = [
    ("1 + 'a'", lambda: one + s), ("'a' * 'b'", lambda: s * s), ("[] + ()", lambda: lst + ()),
    ("len(5)", lambda: len(one)), ("5()", lambda: one()), ("None[0]", lambda: nothing[0]),
    ("{}[[]]", lambda: {}[lst]), ("-'x'", lambda: -s), ("int(None)", lambda: int(nothing)),
    ("'a' < 1", lambda: s < one),
]
for label, thunk in cases:
    try:
        thunk()
    except TypeError as e:
        print(f"{label:10} -> {e}")
print("total: " + 5)
