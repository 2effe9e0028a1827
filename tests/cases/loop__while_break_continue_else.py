# checks: while/for with break, continue and else clauses
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print("even", n)
else:
    print("while-else not run")
for i in range(3):
    pass
else:
    print("for-else runs when no break", i)
for p in range(2, 20):
    for d in range(2, p):
        if p % d == 0:
            break
    else:
        print(p, end=" ")
print()
