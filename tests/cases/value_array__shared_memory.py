# checks: Value and Array live in shared memory: a child's writes are visible to the parent
from multiprocessing import Process, Value, Array

def fill(num, arr):
    num.value = 3.5
    for i in range(len(arr)):
        arr[i] = arr[i] * -1

if __name__ == "__main__":
    num = Value("d", 0.0)
    arr = Array("i", range(5))
    print("before:", num.value, arr[:])
    p = Process(target=fill, args=(num, arr))
    p.start()
    p.join()
    print("after:", num.value, arr[:], len(arr), sum(arr))
    chars = Array("c", b"hello")
    print(chars.value, Value("b", True).value)
