# checks: operator precedence, unary minus vs power, integer/true division, augmented assignment
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(7 / 2, 7 // 2, 7 % 3, 2 ** -1, 10 - 4 - 3)
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7
print(x)
print(1 << 10, 1024 >> 3, 6 & 3, 6 | 3, 6 ^ 3, ~5)
print(True + True, 3 * "ab", [0] * 3)
