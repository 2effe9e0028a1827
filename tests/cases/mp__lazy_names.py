# multiprocessing's queues, locks, pipes, shared values, pools and managers load on first use
# (a module __getattr__), as in CPython: the names all work, the submodules are not attributes
# of the package until used, and a missing name is an ImportError or an AttributeError.
import multiprocessing
from multiprocessing import Process

for sub in ["pool", "queues", "synchronize", "managers", "connection", "sharedctypes"]:
    print(sub, hasattr(multiprocessing, sub))

from multiprocessing import Queue, JoinableQueue, Lock, RLock, Event, Pipe, Value, Pool

q = Queue()
q.put("item")
print(q.get(), type(Lock()).__name__, type(RLock()).__name__, Event().is_set())
a, b = Pipe()
a.send([1, 2])
print(b.recv())
v = Value("i", 7)
print(v.value)

try:
    from multiprocessing import NoSuchThing
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
try:
    multiprocessing.NoSuchThing
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(multiprocessing, "NoSuchThing"), getattr(multiprocessing, "NoSuchThing", 42))


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, range(5)))
    from multiprocessing import *
    print(Process.__name__, callable(Manager), callable(Semaphore), callable(Barrier))
    print(sorted(n for n in multiprocessing.__all__ if n in ("Queue", "Pool", "Process", "Lock")))
