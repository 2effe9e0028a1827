import json
import time
from multiprocessing import Process


def tickets_left():
    with open("tickets.json") as f:
        return json.load(f)["left"]


def buy(who):
    left = tickets_left()
    print(f"{who} sees {left} ticket(s) left")
    time.sleep(0.1)  # the booking server takes a moment to answer
    if left > 0:
        with open("tickets.json", "w") as f:
            json.dump({"left": left - 1}, f)
        print(f"{who} bought a ticket")
    else:
        print(f"{who}: sold out")


if __name__ == "__main__":
    with open("tickets.json", "w") as f:
        json.dump({"left": 1}, f)  # only one ticket for sale
    buyers = [Process(target=buy, args=(f"buyer-{n}",)) for n in range(4)]
    for b in buyers:
        b.start()
    for b in buyers:
        b.join()
    print("tickets left at the end:", tickets_left())
