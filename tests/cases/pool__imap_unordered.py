# checks: Pool.imap_unordered yields every result (completion order varies, so they are sorted)
from multiprocessing import Pool

def cube(x):
    return x ** 3

if __name__ == "__main__":
    with Pool(3) as p:
        results = list(p.imap_unordered(cube, range(8)))
    print(len(results), sorted(results))
