# checks: if/elif/else chains, conditional expressions, and structural pattern matching
def grade(s):
    if s >= 90:
        return "A"
    elif s >= 80:
        return "B"
    else:
        return "C"
print([grade(s) for s in (95, 85, 10)])
def describe(cmd):
    match cmd:
        case ["go", direction]:
            return f"going {direction}"
        case ["pick", *items] if items:
            return f"picking {', '.join(items)}"
        case {"action": str(a)}:
            return f"action {a}"
        case int(n) | float(n) if n < 0:
            return "negative number"
        case _:
            return "unknown"
for c in [["go", "north"], ["pick", "a", "b"], ["pick"], {"action": "jump"}, -3, 5]:
    print(describe(c))
