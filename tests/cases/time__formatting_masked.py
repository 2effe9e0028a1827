# checks: time.strftime/localtime/ctime output shapes (masked), gmtime of a fixed epoch is exact
# mode: normalized
import time
print(time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(0)))
print(time.strftime("%Y-%m-%d", time.gmtime(86400 * 365)))
t = time.gmtime(1_000_000_000)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_wday, t.tm_yday)
print("now", time.strftime("%Y-%m-%d %H:%M:%S"))
print("int time", int(time.time()) > 1_600_000_000)
