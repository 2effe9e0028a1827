# checks: after os.fork the child's getppid() is the parent's getpid(); printed pids masked
# mode: normalized
import os

parent = os.getpid()
print("parent pid", parent)
pid = os.fork()
if pid == 0:
    print("child pid", os.getpid(), "ppid", os.getppid(), "ppid is parent:", os.getppid() == parent)
    os._exit(0)
os.waitpid(pid, 0)
print("parent forked child", pid)
