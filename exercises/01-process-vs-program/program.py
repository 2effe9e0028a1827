import os
import time

# This file is a program: text on a disk. Pressing Run turns it into a process.
print("I am a running process, pid", os.getpid())
print("my parent process has pid", os.getppid())

total = 0
for i in range(1, 1001):
    total += i
print("I computed total =", total)

time.sleep(0.2)  # a process can also wait: it stays alive but uses no CPU
print("process", os.getpid(), "ends now")
