# checks: mutating a list passed as an argument in the child does not change the parent's list
from multiprocessing import Process

def mutate(items, extra):
    items.append(extra)
    items[0] = "changed"
    print("child list:", items)

if __name__ == "__main__":
    data = ["original", 1]
    for extra in (2, 3):
        p = Process(target=mutate, args=(data, extra))
        p.start()
        p.join()
    print("parent list:", data)
