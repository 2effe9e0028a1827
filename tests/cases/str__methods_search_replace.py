# checks: find/index/count/startswith/endswith/replace/strip family
s = "the cat sat on the mat"
print(s.find("at"), s.rfind("at"), s.find("dog"), s.index("sat"), s.count("at"), s.count("the"))
print(s.startswith("the"), s.endswith(("mat", "rug")), s.startswith("cat", 4))
print(s.replace("at", "og"), s.replace("the", "a", 1))
print(repr("  pad  ".strip()), repr("xxhixx".strip("x")), repr("  l".lstrip()), repr("r  ".rstrip()))
print("prefix_name".removeprefix("prefix_"), "file.py".removesuffix(".py"))
try:
    s.index("dog")
except ValueError as e:
    print("ValueError:", e)
