# checks: forking several children in a loop; each sleeps a staggered time, the parent reaps them all
import os, time

children = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        time.sleep(0.08 * (3 - i))
        print(f"child {i} done")
        os._exit(i)
    children.append(pid)
print("parent forked", len(children), "children")
codes = []
for pid in children:
    _, status = os.waitpid(pid, 0)
    codes.append(os.waitstatus_to_exitcode(status))
print("exit codes in fork order:", codes)
