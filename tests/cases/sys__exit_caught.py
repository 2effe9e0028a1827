# checks: SystemExit is an exception with a code; it can be caught; exit(0) is silent
import sys
for code in [0, 3, None, "text"]:
    try:
        sys.exit(code)
    except SystemExit as e:
        print("SystemExit code:", repr(e.code), isinstance(e, Exception), isinstance(e, BaseException))
print(sys.version_info[:2] >= (3, 8), type(sys.argv).__name__, len(sys.argv))
sys.exit(0)
print("not reached")
