# checks: dict methods get/setdefault/pop/popitem/update/keys/values/items, insertion order
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.setdefault("a", 100), d.setdefault("e", 5), d)
print(d.pop("b"), d.pop("nope", "dflt"), d.popitem(), d)
d.update({"a": 10, "f": 6}, g=7)
print(d, "a" in d, 10 in d)
del d["a"]
print(d, dict.fromkeys("xy", 0), dict(zip("ab", [1, 2])), {**d, "h": 8})
print(d | {"z": 26})
