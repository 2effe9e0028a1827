import time
from multiprocessing import Lock, Process


def transfer(who, first, second, first_name, second_name):
    with first:
        print(f"{who} holds {first_name}")
        time.sleep(0.1)  # long enough for the other process to take its first lock
        if second.acquire(timeout=0.3):
            print(f"{who} got {second_name} too: transfer done")
            second.release()
        else:
            print(f"{who} waited 0.3 s for {second_name}: deadlock, giving up")
            time.sleep(0.1)  # keep the first lock a moment, so the other one times out too


if __name__ == "__main__":
    a, b = Lock(), Lock()
    # Alice takes A then B; Bob takes B then A.
    alice = Process(target=transfer, args=("alice", a, b, "lock A", "lock B"))
    bob = Process(target=transfer, args=("bob", b, a, "lock B", "lock A"))
    alice.start()
    bob.start()
    alice.join()
    bob.join()
