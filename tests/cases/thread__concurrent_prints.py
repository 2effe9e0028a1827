# checks: threads started together print whole lines in any order; the join after the loop prints last
# mode: lines
import threading

def say(i):
    # one write per line: CPython writes print's text and end separately, so concurrent prints could tear
    print(f"thread {i} says hi\n", end="")

threads = [threading.Thread(target=say, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("all threads joined")
