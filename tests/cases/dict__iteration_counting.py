# checks: iterating dicts, counting words, sorting items by value
text = "the quick the lazy the end quick"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{k:6}{v}")
from collections import Counter, defaultdict, OrderedDict
print(Counter(text.split()).most_common(2))
dd = defaultdict(list)
for w in text.split():
    dd[len(w)].append(w)
print(dict(dd))
try:
    for k in counts:
        counts["new"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
