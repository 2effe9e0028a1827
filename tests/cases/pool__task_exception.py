# checks: an exception raised in a pool task is re-raised in the parent by map() and AsyncResult.get()
from multiprocessing import Pool

def check(x):
    if x == 3:
        raise ValueError(f"bad value {x}")
    return x

if __name__ == "__main__":
    with Pool(2) as p:
        try:
            p.map(check, range(5))
        except ValueError as e:
            print("map raised ValueError:", e)
        r = p.apply_async(check, (3,))
        r.wait()
        print("successful:", r.successful())
        try:
            r.get()
        except ValueError as e:
            print("get raised ValueError:", e)
        print("pool still works:", p.map(check, [0, 1]))
