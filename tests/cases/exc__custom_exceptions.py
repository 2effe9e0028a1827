# checks: custom exception hierarchy with extra attributes and __str__, caught by base class
class AppError(Exception):
    pass
class InsufficientFunds(AppError):
    def __init__(self, need, have):
        super().__init__(f"need {need}, have {have}")
        self.need, self.have = need, have
class Frozen(AppError):
    def __str__(self):
        return "account frozen"
def withdraw(balance, amount, frozen=False):
    if frozen:
        raise Frozen()
    if amount > balance:
        raise InsufficientFunds(amount, balance)
    return balance - amount
for args in [(100, 30), (10, 30), (10, 1, True)]:
    try:
        print("left", withdraw(*args))
    except InsufficientFunds as e:
        print("InsufficientFunds:", e, e.need - e.have)
    except AppError as e:
        print(type(e).__name__ + ":", e)
raise InsufficientFunds(5, 1)
