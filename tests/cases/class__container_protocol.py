# checks: __len__, __getitem__ (with slices and IndexError ending iteration), __contains__, __setitem__
class Deck:
    def __init__(self):
        self.cards = [r + s for s in "SH" for r in "A23"]
    def __len__(self):
        return len(self.cards)
    def __getitem__(self, i):
        return self.cards[i]
    def __setitem__(self, i, v):
        self.cards[i] = v
d = Deck()
print(len(d), d[0], d[-1], d[1:3], "2H" in d, bool(d))
d[0] = "KS"
print(list(d), [c for c in d if c.endswith("H")], list(reversed(d))[:2])
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), "yes" if Empty() else "no")
