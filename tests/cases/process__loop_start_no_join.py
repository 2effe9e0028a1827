# checks: five processes started in a loop without join run concurrently; every line appears (any order)
# mode: lines
from multiprocessing import Process, current_process

def work(n):
    # one write per line: CPython writes print's text and end separately, so concurrent prints could tear
    print(f"{current_process().name} handles job {n}\n", end="")

if __name__ == "__main__":
    for n in range(5):
        Process(target=work, args=(n,)).start()
    print("main started all jobs\n", end="")
