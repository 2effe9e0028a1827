# checks: global and nonlocal declarations, UnboundLocalError when assigning without them
total = 0
def add(n):
    global total
    total += n
add(5); add(7)
print(total)
def outer():
    x = "outer"
    def inner():
        nonlocal x
        x = "changed"
    inner()
    return x
print(outer())
y = 10
def broken():
    y += 1
    return y
try:
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def reader():
    return y * 2
print(reader())
