# checks: threading.Thread with target/args/kwargs; join orders output; threads share globals
import threading

results = []

def work(n, scale=1):
    results.append(n * scale)
    print(f"thread computing {n} x {scale}")

t1 = threading.Thread(target=work, args=(3,))
t2 = threading.Thread(target=work, args=(4,), kwargs={"scale": 10})
t1.start()
t1.join()
t2.start()
t2.join()
print("results seen by main thread:", results)
