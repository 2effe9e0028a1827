# checks: random.Random instances are independent; choices with weights; gauss with seed
import random
r1, r2 = random.Random(7), random.Random(7)
print([r1.randint(0, 9) for _ in range(8)])
print([r2.randint(0, 9) for _ in range(8)])
r = random.Random("seed-string")
print(r.choices("xyz", weights=[5, 1, 1], k=6), round(r.gauss(0, 1), 6))
random.seed(0)
print(random.getrandbits(16), round(random.random(), 12))
