# checks: a class-level counter updated from __init__ and __del__-free lifetime; class methods reading it
class Worker:
    next_id = 1
    registry = {}
    def __init__(self, name):
        self.id = Worker.next_id
        Worker.next_id += 1
        Worker.registry[self.id] = name
    @classmethod
    def names(cls):
        return [cls.registry[k] for k in sorted(cls.registry)]
for n in ["w-a", "w-b", "w-c"]:
    Worker(n)
print(Worker.next_id, Worker.names())
