# checks: raise ... from ... sets __cause__ and prints the chained traceback
class ConfigError(Exception):
    pass
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise ConfigError(f"bad config value {text!r}") from e
try:
    parse("x")
except ConfigError as e:
    print("caught:", e, "| cause:", repr(e.__cause__))
parse("y")
