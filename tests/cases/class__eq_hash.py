# checks: __eq__ customisation, default identity equality, __hash__ set to None when __eq__ is defined
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, V) and self.v == other.v
class Plain:
    pass
print(V(1) == V(1), V(1) != V(2), V(1) == 1, V(1) in [V(0), V(1)])
p = Plain()
print(Plain() == Plain(), p == p)
try:
    {V(1)}
except TypeError as e:
    print("TypeError:", e)
class H(V):
    def __hash__(self):
        return hash(self.v)
print(len({H(1), H(1), H(2)}))
