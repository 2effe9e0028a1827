# checks: splitting work into chunks for a Pool and combining partial results equals the serial result
from multiprocessing import Pool

def partial_sum(bounds):
    lo, hi = bounds
    return sum(i * i for i in range(lo, hi))

if __name__ == "__main__":
    n, parts = 10000, 4
    step = n // parts
    chunks = [(k * step, (k + 1) * step) for k in range(parts)]
    with Pool(2) as p:
        partials = p.map(partial_sum, chunks)
    print(chunks)
    print(partials)
    print(sum(partials), sum(partials) == sum(i * i for i in range(n)))
