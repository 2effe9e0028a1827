# checks: apply_async error_callback receives the exception raised by the task
from multiprocessing import Pool

errors = []

def risky(x):
    return 10 // x

if __name__ == "__main__":
    pool = Pool(2)
    results = []
    for x in [5, 0, 2]:
        pool.apply_async(risky, (x,), callback=results.append, error_callback=errors.append)
    pool.close()
    pool.join()
    print("results:", sorted(results))
    print("errors:", [f"{type(e).__name__}: {e}" for e in errors])
