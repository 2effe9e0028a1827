# checks: hex/oct/bin, chr/ord, int parsing with base and format specs for bases
print(hex(255), oct(8), bin(10), hex(-42), bin(0))
print(ord("A"), chr(97), chr(0x263A), ord("\n"), [ord(c) for c in "hey"])
print(int("0x1f", 16), int("1010", 2), f"{255:x} {255:X} {255:o} {255:b} {255:#x} {5:08b}")
print("".join(chr(ord(c) + 1) for c in "HAL"))
