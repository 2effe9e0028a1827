# checks: TypeError messages for wrong argument counts and unexpected keywords
def two(a, b):
    return a + b
class K:
    def m(self, x):
        return x
for thunk in [lambda: two(1), lambda: two(1, 2, 3), lambda: two(1, c=2), lambda: two(1, 2, a=3),
              lambda: K().m(), lambda: K().m(1, 2), lambda: len(), lambda: len([], [])]:
    try:
        thunk()
    except TypeError as e:
        print("TypeError:", e)
two(1, 2, 3)
