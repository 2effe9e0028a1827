import time
from multiprocessing import Process, Value


def deposit(account, clerk):
    for _ in range(5):
        seen = account.value        # 1. read the balance
        time.sleep(0.01)            # 2. do some paperwork: another clerk may run now
        account.value = seen + 10   # 3. write back what we computed
    print(f"{clerk} made 5 deposits of 10")


if __name__ == "__main__":
    account = Value("i", 0)  # shared memory: both clerks see the same int
    clerks = [Process(target=deposit, args=(account, f"clerk-{n}")) for n in range(2)]
    for c in clerks:
        c.start()
    for c in clerks:
        c.join()
    print(f"balance: {account.value} (expected 100)")
