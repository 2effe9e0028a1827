# checks: arbitrary-precision integers (factorial, powers, negative big numbers, bit_length)
n = 1
for i in range(1, 31):
    n *= i
print(n)
print(2 ** 100)
print(-(3 ** 50))
print((2 ** 64) // 3, (2 ** 64) % 1000)
print((10 ** 30 + 1) * (10 ** 30 - 1))
print((2 ** 100).bit_length(), len(str(7 ** 77)))
print(2 ** 64 == 18446744073709551616)
