# checks: KeyError caught (message is the repr of the key) and then uncaught with traceback
d = {"a": 1}
try:
    d["missing"]
except KeyError as e:
    print("caught KeyError:", e, repr(e), e.args)
def lookup(table, key):
    return table[key]
print(lookup(d, "a"))
print(lookup(d, "b"))
