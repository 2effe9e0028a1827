# checks: random with a fixed seed produces exact reproducible values
import random
random.seed(42)
print(random.random())
print(random.randint(1, 100), random.randint(1, 100), random.randrange(0, 50, 5))
print(random.choice(["a", "b", "c", "d"]), random.uniform(1, 2))
items = list(range(10))
random.shuffle(items)
print(items)
print(random.sample(range(100), 5))
random.seed(42)
print(random.random())
