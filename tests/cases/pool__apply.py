# checks: Pool.apply blocks and returns one result; kwds are passed through
from multiprocessing import Pool

def label(n, prefix="#"):
    return f"{prefix}{n}"

if __name__ == "__main__":
    with Pool(2) as p:
        print(p.apply(label, (1,)))
        print(p.apply(label, (2,), {"prefix": "item-"}))
        print(p.apply(sum, ([1, 2, 3],)))
