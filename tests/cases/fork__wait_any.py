# checks: os.wait() reaps whichever child ends first; ChildProcessError when none are left
import os, time

order = {}
for i, delay in enumerate([0.2, 0.05]):
    pid = os.fork()
    if pid == 0:
        time.sleep(delay)
        os._exit(10 + i)
    order[pid] = i
for _ in range(2):
    pid, status = os.wait()
    print("reaped child", order[pid], "code", os.waitstatus_to_exitcode(status))
try:
    os.wait()
except ChildProcessError as e:
    print("ChildProcessError:", e)
