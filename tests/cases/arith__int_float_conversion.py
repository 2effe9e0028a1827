# checks: int()/float() conversions, truncation toward zero, parsing strings with bases
print(int(3.9), int(-3.9), int("42"), int("  -17 "), int("ff", 16), int("0b101", 0), int("777", 8))
print(float("3.25"), float(7), float("-inf"), float("1e3"))
print(int(True), float(False), 7 / 7, type(7 / 7).__name__)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2))
try:
    int("abc")
except ValueError as e:
    print("ValueError:", e)
try:
    float("x1")
except ValueError as e:
    print("ValueError:", e)
