# checks: without _exit, both processes run the code after fork (child first here because the parent waits)
import os

print("before fork")
pid = os.fork()
if pid == 0:
    role = "child"
else:
    os.waitpid(pid, 0)
    role = "parent"
print("after fork in", role)
