# checks: printf-style % formatting
print("%s is %d years" % ("Al", 30))
print("%5.2f|%-6d|%06.1f|%x|%o|%e" % (3.14159, 42, 2.5, 255, 8, 12345.678))
print("%r %s" % ("q", "q"), "%%", "%c" % 65)
print("%(name)s=%(val)03d" % {"name": "n", "val": 7})
print("%+d %+d % d" % (5, -5, 5), "%.3s" % "abcdef", "%10s|" % "right", "%-10s|" % "left")
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
