# checks: collecting exceptions in a loop and reporting them; exceptions are objects that can be stored
errors = []
for v in ["10", "x", "0", "5"]:
    try:
        print(100 // int(v))
    except (ValueError, ZeroDivisionError) as e:
        errors.append(e)
print(len(errors), [type(e).__name__ for e in errors], [str(e) for e in errors])
