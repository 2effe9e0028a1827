# checks: calling run() directly runs in the main process (no new pid); start() runs in a child
import os
from multiprocessing import Process, current_process

class Job(Process):
    def __init__(self, parent_pid):
        super().__init__(name="job")
        self.parent_pid = parent_pid

    def run(self):
        where = "parent" if os.getpid() == self.parent_pid else "child"
        print("run() in", where, "as", current_process().name)

if __name__ == "__main__":
    j = Job(os.getpid())
    j.run()
    j.start()
    j.join()
