import json
import time
from multiprocessing import Lock, Process


def tickets_left():
    with open("tickets.json") as f:
        return json.load(f)["left"]


def buy(who, lock):
    # Read, decide and write back as one step: nobody else may read in between.
    with lock:
        left = tickets_left()
        print(f"{who} sees {left} ticket(s) left")
        time.sleep(0.1)
        if left > 0:
            with open("tickets.json", "w") as f:
                json.dump({"left": left - 1}, f)
            print(f"{who} bought a ticket")
        else:
            print(f"{who}: sold out")


if __name__ == "__main__":
    with open("tickets.json", "w") as f:
        json.dump({"left": 1}, f)
    lock = Lock()
    buyers = [Process(target=buy, args=(f"buyer-{n}", lock)) for n in range(4)]
    for b in buyers:
        b.start()
    for b in buyers:
        b.join()
    print("tickets left at the end:", tickets_left())
