# checks: __call__ makes instances callable; callable()
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
add5 = Adder(5)
print(add5(10), callable(add5), list(map(add5, [1, 2])))
try:
    add5()
except TypeError as e:
    print("TypeError:", e)
class Plain:
    pass
try:
    Plain()()
except TypeError as e:
    print("TypeError:", e)
