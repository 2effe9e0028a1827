# checks: datetime.now()/date.today() printing (masked); differences between two now() calls are small
# mode: normalized
from datetime import datetime, date
import time
a = datetime.now()
print("now:", a)
print("today:", date.today())
print("formatted:", a.strftime("%Y-%m-%d %H:%M:%S"))
time.sleep(0.1)
b = datetime.now()
delta = b - a
print("delta >= 0.1s:", delta.total_seconds() >= 0.1, "delta < 1s:", delta.total_seconds() < 1)
print("year plausible:", a.year >= 2023)
