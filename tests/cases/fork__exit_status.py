# checks: a forked child's os._exit(n) status is decoded with waitstatus_to_exitcode / WEXITSTATUS
import os

for code in (0, 3, 42):
    pid = os.fork()
    if pid == 0:
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    print("exit", code, "-> status", status, "exitcode", os.waitstatus_to_exitcode(status),
          "WIFEXITED", os.WIFEXITED(status), "WEXITSTATUS", os.WEXITSTATUS(status))
