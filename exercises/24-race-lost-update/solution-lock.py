import time
from multiprocessing import Process, Value


def deposit(account, clerk):
    for _ in range(5):
        with account.get_lock():        # read-modify-write as one indivisible step
            seen = account.value
            time.sleep(0.01)
            account.value = seen + 10
    print(f"{clerk} made 5 deposits of 10")


if __name__ == "__main__":
    account = Value("i", 0)
    clerks = [Process(target=deposit, args=(account, f"clerk-{n}")) for n in range(2)]
    for c in clerks:
        c.start()
    for c in clerks:
        c.join()
    print(f"balance: {account.value} (expected 100)")
