# checks: class with __init__, instance attributes, methods, and per-instance state
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        self.balance += amount
        return self
    def describe(self):
        return f"{self.owner}: {self.balance}"
a = Account("ann")
b = Account("bob", 50)
a.deposit(10).deposit(5)
print(a.describe(), b.describe(), a.balance + b.balance)
print(type(a).__name__, a.__dict__, Account.deposit(b, 1).balance)
