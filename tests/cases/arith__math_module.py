# checks: math module functions and constants
import math
print(math.sqrt(16), math.sqrt(2))
print(math.pi, math.e)
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5))
print(math.factorial(20), math.gcd(48, 36), math.isqrt(99))
print(math.pow(2, 10), math.log(math.e), math.log10(1000), math.log2(8))
print(math.fabs(-3), math.hypot(3, 4), math.isclose(0.1 + 0.2, 0.3))
print(math.inf > 10 ** 100, math.isnan(float("nan")), math.comb(5, 2), math.perm(5, 2))
print(round(math.sin(math.pi / 2), 6), round(math.cos(0), 6))
