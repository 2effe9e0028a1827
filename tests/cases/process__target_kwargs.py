# checks: Process with args and kwargs together; single-element args tuple
from multiprocessing import Process

def describe(item, price=0, currency="EUR"):
    print(f"{item}: {price} {currency}")

if __name__ == "__main__":
    jobs = [
        Process(target=describe, args=("apple",)),
        Process(target=describe, args=("pear",), kwargs={"price": 3}),
        Process(target=describe, kwargs={"item": "fig", "price": 7, "currency": "USD"}),
    ]
    for p in jobs:
        p.start()
        p.join()
    print("all described")
