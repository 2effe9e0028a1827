# checks: json.dump to a file and json.load back; updating a JSON file in place
import json
scores = {"alice": [90, 85], "bob": [70]}
with open("scores.json", "w") as f:
    json.dump(scores, f, indent=1)
with open("scores.json") as f:
    print(f.read())
with open("scores.json") as f:
    loaded = json.load(f)
loaded["bob"].append(100)
loaded["carol"] = []
with open("scores.json", "w") as f:
    json.dump(loaded, f)
with open("scores.json") as f:
    final = json.load(f)
print(final, {k: sum(v) for k, v in final.items()})
