# checks: exception objects: args, str/repr, type name, isinstance of base classes, traceback-free formatting
errs = [ValueError("bad", 3), KeyError("k"), OSError(2, "No such file"), Exception(), StopIteration(5)]
for e in errs:
    print(type(e).__name__, e.args, str(e), repr(e), isinstance(e, Exception))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError), issubclass(KeyboardInterrupt, Exception))
print(FileNotFoundError.__mro__[1].__name__, ZeroDivisionError.__bases__)
