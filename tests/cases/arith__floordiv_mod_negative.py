# checks: floor division and modulo with negative operands round toward minus infinity
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (-1, 5)]:
    print(a, b, a // b, a % b, divmod(a, b))
print(-7.5 // 2, -7.5 % 2, 7.5 % -2)
