# checks: os.getpid()/os.getppid() are ints that differ; printed values are masked
# mode: normalized
import os
pid, ppid = os.getpid(), os.getppid()
print("pid", pid)
print("ppid", ppid)
print(type(pid).__name__, pid > 0, pid != ppid, pid == os.getpid())
