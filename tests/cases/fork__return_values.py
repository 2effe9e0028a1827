# checks: os.fork returns 0 in the child and the child's pid in the parent; waitpid orders the output
import os

pid = os.fork()
if pid == 0:
    print("child: fork returned 0")
    os._exit(0)
else:
    waited, status = os.waitpid(pid, 0)
    print("parent: fork returned a positive pid:", pid > 0)
    print("parent: waitpid returned the same pid:", waited == pid, "status", status)
