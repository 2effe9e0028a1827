# checks: json.dumps/loads round-trip, indent, sort_keys, separators, type mapping
import json
data = {"name": "Ann", "age": 30, "tags": ["a", "b"], "ok": True, "none": None, "pi": 3.5, "t": (1, 2)}
s = json.dumps(data)
print(s)
back = json.loads(s)
print(back, back["t"], type(back["t"]).__name__)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, "é", {"k": []}], separators=(",", ":")), json.dumps("é", ensure_ascii=False))
print(json.loads('{"a": [1, 2.5, null, false, "x"]}'), json.loads("7"), json.dumps({1: 2}))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
