# checks: __private names are mangled in a class (_Class__name): a subclass's __x is its own,
# outside code cannot reach obj.__x, and class-level and method names are mangled too
class Account:
    __count = 0

    def __init__(self, owner, balance):
        self.owner = owner
        self.__balance = balance
        Account.__count += 1

    def __check(self, amount):
        return 0 < amount <= self.__balance

    def withdraw(self, amount):
        if self.__check(amount):
            self.__balance -= amount
        return self.__balance

    @classmethod
    def count(cls):
        return cls.__count


class Savings(Account):
    def __init__(self, owner, balance):
        super().__init__(owner, balance)
        self.__balance = "hidden"

    def mine(self):
        return self.__balance


a = Account("ann", 100)
print(a.withdraw(30), a.withdraw(500), Account.count())
s = Savings("bob", 50)
print(s.withdraw(20), s.mine(), Account.count())
print(sorted(vars(s)))
print(a._Account__balance, Account._Account__count)
try:
    print(a.__balance)
except AttributeError as e:
    print("AttributeError:", e)
try:
    a.__check(1)
except AttributeError as e:
    print("AttributeError:", e)

class __Hidden:
    def __init__(self):
        self.__v = 1
print(vars(__Hidden()))

class _Under:
    def __init__(self):
        self.__v = 2
        self.__dunder__ = 3
        lst = [self.__v for _ in range(2)]
        self.total = sum(lst)
print(vars(_Under()))
