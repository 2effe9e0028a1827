# checks: str.encode/bytes.decode, bytes literals, bytes repr and indexing
s = "héllo"
b = s.encode("utf-8")
print(b, len(s), len(b), b.decode("utf-8"), b[0], b[1:3], list(b"AB"))
print(bytes([72, 105]), bytearray(b"xy"), b"abc".upper(), b"a,b".split(b","))
print("ascii".encode(), "é".encode("latin-1"), b"\xff".hex(), bytes.fromhex("4142"))
