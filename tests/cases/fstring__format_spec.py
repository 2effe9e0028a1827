# checks: f-string format specs: width, alignment, fill, precision, sign, thousands, percent, exponent
x = 3.14159
print(f"[{x:.2f}] [{x:10.3f}] [{x:<10.1f}] [{x:^10.2f}] [{x:*>10.2f}]")
print(f"[{42:5d}] [{42:<5d}] [{42:05d}] [{-42:+d}] [{42:+d}] [{42: d}]")
print(f"[{1234567:,}] [{1234567.891:,.2f}] [{1234567:_}] [{0.256:.1%}] [{12345.678:e}] [{0.000123:.2e}]")
print(f"[{'ab':>6}] [{'ab':<6}] [{'ab':^6}] [{'ab':-^7}] [{3.0:g}] [{1e20:g}] [{0.5:.0f}] [{1.5:.0f}]")
w, p = 12, 3
print(f"[{x:{w}.{p}f}]")
