# checks: escape sequences, raw strings, triple-quoted strings and repr of special characters
print("tab:\tend", "newline:\\n", r"raw\n\t", len("\n"), len(r"\n"))
print("""first
  second""")
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\x00\x7f"), repr("é"))
print("unicode: \u00e9 \N{GREEK SMALL LETTER ALPHA}")
print("a" "b" 'c')
