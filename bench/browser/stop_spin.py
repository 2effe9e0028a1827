# Four children that never end: the page's Stop must end them (bench/parallel.mjs times it).
from multiprocessing import Process


def spin(i):
    print(f"spinning {i}", flush=True)
    while True:
        pass


if __name__ == "__main__":
    for i in range(4):
        Process(target=spin, args=(i,)).start()
