# checks: parent and child both print right after os.fork without waiting (order varies; pids masked)
# mode: multiset-normalized
import os

pid = os.fork()
if pid == 0:
    # one write per line: CPython writes print's text and end separately, so concurrent prints could tear
    print(f"child running, pid {os.getpid()}\n", end="")
    os._exit(0)
print(f"parent running, child pid {pid}\n", end="")
os.waitpid(pid, 0)
