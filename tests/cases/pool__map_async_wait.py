# checks: map_async returns an AsyncResult; wait(), ready(), get() and a callback receiving the whole list
from multiprocessing import Pool

def inc(x):
    return x + 1

if __name__ == "__main__":
    with Pool(2) as p:
        r = p.map_async(inc, [10, 20, 30], callback=lambda res: print("callback got", res))
        r.wait()
        print("ready:", r.ready())
        print("get:", r.get())
