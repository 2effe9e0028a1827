import time
from multiprocessing import Pool, Process, Queue, cpu_count

NUMBERS = list(range(10_000_000_100, 10_000_000_150))


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    i = 3
    while i * i <= n:
        if n % i == 0:
            return False
        i += 2
    return True


def check_one(n, results):
    results.put(is_prime(n))


if __name__ == "__main__":
    # 1. Serial: one process checks every number.
    t0 = time.perf_counter()
    serial = sum(is_prime(n) for n in NUMBERS)
    t_serial = time.perf_counter() - t0

    # 2. One process per number: 50 processes to create, each with very little to do.
    t0 = time.perf_counter()
    results = Queue()
    procs = [Process(target=check_one, args=(n, results)) for n in NUMBERS]
    for p in procs:
        p.start()
    each = sum(results.get() for _ in NUMBERS)
    for p in procs:
        p.join()
    t_each = time.perf_counter() - t0

    # 3. A pool with one worker per CPU: few processes, each with a fair share.
    t0 = time.perf_counter()
    with Pool(cpu_count()) as pool:
        pooled = sum(pool.map(is_prime, NUMBERS))
    t_pool = time.perf_counter() - t0

    print(f"serial:           {t_serial:.3f} s, {serial} primes")
    print(f"one process each: {t_each:.3f} s, {each} primes")
    print(f"pool:             {t_pool:.3f} s, {pooled} primes, {cpu_count()} workers")
