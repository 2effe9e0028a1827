# checks: set.difference_update / intersection_update / symmetric_difference_update (in place, several iterables)
s = {1, 2, 3, 4, 5, 6}
r = s.difference_update([1, 2], (3,))
print(r, s)
s.difference_update()
print(s)
s = {1, 2, 3, 4, 5, 6}
s.intersection_update(range(5), {2, 3, 4, 9})
print(s)
s.intersection_update()
print(s)
s = {1, 2, 3}
s.symmetric_difference_update([3, 4, 4, 5])
print(s)
s.symmetric_difference_update({1: "a", 9: "b"})
print(s)
alias = s
s.difference_update("ab")
print(alias is s, s)
w = {"x", "y", "z"}
w.intersection_update("xyq")
print(sorted(w))
w.symmetric_difference_update("yq")
print(sorted(w))
for call in [lambda: s.symmetric_difference_update([1], [2]),
             lambda: s.symmetric_difference_update(),
             lambda: s.difference_update(5),
             lambda: s.intersection_update([1], None),
             lambda: frozenset([1]).difference_update([1])]:
    try:
        call()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
