# checks: ZeroDivisionError messages for int, float and modulo
for expr in ["1 / 0", "1 // 0", "1 % 0", "1.0 / 0", "divmod(3, 0)", "0 ** -1"]:
    try:
        eval(expr)
    except ZeroDivisionError as e:
        print(expr, "->", type(e).__name__, e)
