# checks: `in` on a manager's dict and list proxies (a call to the manager), slices of a list
# proxy, and a class whose __contains__ waits on a queue
from multiprocessing import Manager, Queue

class Inbox:
    def __init__(self, q):
        self.q = q

    def __contains__(self, item):
        return self.q.get() == item

if __name__ == "__main__":
    with Manager() as m:
        d = m.dict({"a": 1})
        l = m.list([3, 1, 2, 5])
        print("a" in d, "b" in d, "b" not in d)
        print(3 in l, 7 in l, 7 not in l)
        print(l[1:], l[::-1], l[:2])
        l[1:3] = [9, 8]
        print(l[:])
    q = Queue()
    q.put("x")
    q.put("y")
    box = Inbox(q)
    print("x" in box, "x" not in box)
