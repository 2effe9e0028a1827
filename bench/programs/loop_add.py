# 3,000,000 additions in a plain loop.
total = 0
for i in range(3000000):
    total = total + i
print(total)
