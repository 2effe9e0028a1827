# checks: Pool.starmap unpacks argument tuples
from multiprocessing import Pool

def power(base, exp):
    return base ** exp

if __name__ == "__main__":
    with Pool(2) as p:
        print(p.starmap(power, [(2, 3), (3, 2), (10, 0), (5, 3)]))
        print(p.starmap(max, [(1, 9, 3), (7, 2)]))
