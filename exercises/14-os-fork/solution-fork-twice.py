import os

children = []
for _ in range(2):
    pid = os.fork()  # every process alive at this moment forks: 1 -> 2 -> 4
    if pid == 0:
        children = []  # a fresh child has no children yet (it inherited the list!)
    else:
        children.append(pid)

print(f"hello from {os.getpid()} (parent {os.getppid()})")
for pid in children:
    os.waitpid(pid, 0)
