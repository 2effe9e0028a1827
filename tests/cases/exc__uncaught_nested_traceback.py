# checks: uncaught exception traceback through several functions (innermost last), stdout printed first
def level3(x):
    return x["missing"]
def level2(x):
    print("level2")
    return level3(x) + 1
def level1():
    data = {"present": 1}
    return level2(data)
print("start")
level1()
print("never printed")
