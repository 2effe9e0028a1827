# checks: string indexing and slicing with negative indices and steps
s = "Python"
print(s[0], s[-1], s[1:4], s[:2], s[3:], s[-3:], s[::2], s[::-1], s[1:-1], s[10:], repr(s[4:2]))
print(s[-100:100], s[::-2], s[5:0:-1], len(s))
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "J"
except TypeError as e:
    print("TypeError:", e)
