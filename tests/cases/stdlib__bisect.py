# checks: bisect left/right with lo/hi/key, insort, the grade lookup idiom
import bisect

a = [1, 2, 4, 4, 4, 7, 9]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4))
print(bisect.bisect_left(a, 0), bisect.bisect_right(a, 10), bisect.bisect_left(a, 5))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 4), bisect.bisect(a, 4, hi=3))
s = []
for x in [5, 1, 4, 1, 3]:
    bisect.insort(s, x)
print(s)
bisect.insort_left(s, 4)
bisect.insort_right(s, 2, 0, 3)
print(s)


def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(score) for score in [33, 99, 77, 70, 89, 90, 100]])
people = [("ann", 25), ("bob", 31), ("cy", 40)]
print(bisect.bisect_left(people, 31, key=lambda p: p[1]))
bisect.insort(people, ("dee", 35), key=lambda p: p[1])
print(people)
try:
    bisect.bisect_left(a, 3, -1)
except ValueError as e:
    print("ValueError:", e)
