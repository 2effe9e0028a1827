# checks: after fork the child has a copy of globals; its changes do not reach the parent
import os

money = 100
pid = os.fork()
if pid == 0:
    money += 50
    print("child money", money)
    os._exit(0)
os.waitpid(pid, 0)
money -= 10
print("parent money", money)
