# checks: str.maketrans (dict, two-string and three-string forms) and str.translate
t = str.maketrans("abc", "xyz")
print(sorted(t.items()))
print("aabbcc-cab".translate(t))
t3 = str.maketrans("ab", "AB", "c ")
print(sorted(t3.items()))
print("a b c abc".translate(t3))
d = str.maketrans({"a": "1", "b": None, 99: "three", "d": 68})
print(sorted(d.items()))
print("abcdd".translate(d))
print("hello".translate({ord("l"): "L", ord("o"): None}))
print("hello".translate({104: 72}))
print("unchanged".translate({}))
print("".maketrans("x", "y"))
for bad in [lambda: str.maketrans("ab", "c"), lambda: str.maketrans("ab"),
            lambda: str.maketrans({"ab": 1}), lambda: str.maketrans({1.5: "x"}),
            lambda: "abc".translate({97: 1.5})]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class Upper:
    def __getitem__(self, k):
        if k == ord("q"):
            raise LookupError
        return chr(k).upper()
print("quiet".translate(Upper()))
vowels = str.maketrans("", "", "aeiou")
print("programming language".translate(vowels))
print(str.maketrans("", ""))
