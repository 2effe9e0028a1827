# checks: class attributes shared by instances, shadowing by instance attributes, mutable class attrs
class Dog:
    species = "canis"
    count = 0
    tricks = []
    def __init__(self, name):
        self.name = name
        Dog.count += 1
d1, d2 = Dog("rex"), Dog("fido")
d1.species = "wolf"
d1.tricks.append("sit")
print(d1.species, d2.species, Dog.species, Dog.count, d2.count, d2.tricks)
print("species" in d1.__dict__, "species" in d2.__dict__)
