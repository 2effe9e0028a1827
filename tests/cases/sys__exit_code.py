# checks: sys.exit with a message prints it to stderr (exit 1); finally blocks still run
import sys
print("working")
try:
    sys.exit("fatal: giving up")
finally:
    print("finally runs before exit")
print("not reached")
