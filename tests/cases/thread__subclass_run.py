# checks: Thread subclass overriding run(), storing a result read after join
import threading

class Summer(threading.Thread):
    def __init__(self, numbers):
        super().__init__(name="summer")
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(self.numbers)
        print(self.name, "computed", self.total)

s = Summer(range(101))
s.start()
s.join()
print("result read by main:", s.total)
