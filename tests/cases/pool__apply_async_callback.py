# checks: apply_async with a callback collecting results in the parent; AsyncResult.get
from multiprocessing import Pool

collected = []

def square(x):
    return x * x

def on_result(value):
    collected.append(value)

if __name__ == "__main__":
    pool = Pool(2)
    handles = [pool.apply_async(square, (i,), callback=on_result) for i in range(6)]
    print("get in order:", [h.get() for h in handles])
    pool.close()
    pool.join()
    print("callback results (sorted):", sorted(collected))
