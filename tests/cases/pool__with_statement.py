# checks: "with Pool() as p" works; the pool is terminated on exit, so later use raises ValueError
from multiprocessing import Pool

def double(x):
    return 2 * x

if __name__ == "__main__":
    with Pool() as p:
        print(p.map(double, [1, 2, 3]))
    try:
        p.map(double, [4])
    except ValueError as e:
        print("ValueError:", e)
