# checks: complex numbers, numeric tower conversions, integer methods
z = 3 + 4j
print(z, z.real, z.imag, z.conjugate(), abs(z), z * z, type(z).__name__)
print((255).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "big"), (10).bit_length())
print(float.is_integer(3.0), (0.5).as_integer_ratio(), 1_000_000 + 1)
print(7 == 7.0 == 7 + 0j, 3 ** 0.5 == 3 ** (1 / 2))
