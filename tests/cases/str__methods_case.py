# checks: string case methods and predicates
s = "hello World 42"
print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), sep=" | ")
print("abc".isalpha(), "a1".isalnum(), "123".isdigit(), "  ".isspace(), "Abc".istitle(), "ABC".isupper())
print("Straße".casefold(), "x".islower(), "".isdigit())
