import os

money = 100
print("before fork: one process, pid", os.getpid())

pid = os.fork()  # from here on, two processes run this same code
if pid == 0:
    money += 50
    print(f"child : fork returned 0, my pid {os.getpid()}, parent {os.getppid()}, money {money}")
    os._exit(0)
else:
    money -= 30
    os.waitpid(pid, 0)  # wait for the child, like join()
    print(f"parent: fork returned {pid}, my pid {os.getpid()}, money {money}")
