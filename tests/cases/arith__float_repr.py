# checks: repr of floats uses the shortest round-tripping form
print(0.1 + 0.2)
print(1 / 3)
print(2 / 2, 10 / 4, 1e16, 1e-5, 123456789.0 * 1000)
print(1.5e300 * 1e10, -1e400, float("nan"))
print(0.1 * 3, 3.0, -0.0, 100.0)
print(repr(2.5), str(1e22), 1e15)
print([0.5, 1.25, 1 / 7])
