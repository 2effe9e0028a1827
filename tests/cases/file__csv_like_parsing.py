# checks: writing a small CSV with the csv module and parsing it back, aggregating by column
import csv
rows = [["name", "dept", "salary"], ["ann", "eng", "100"], ["bob", "ops", "80"], ["cy", "eng", "120"]]
with open("staff.csv", "w", newline="") as f:
    csv.writer(f).writerows(rows)
with open("staff.csv", newline="") as f:
    print(f.read().splitlines())
totals = {}
with open("staff.csv", newline="") as f:
    for rec in csv.DictReader(f):
        totals[rec["dept"]] = totals.get(rec["dept"], 0) + int(rec["salary"])
print(totals)
