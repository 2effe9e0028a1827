# checks: Manager().list() and .dict() proxies are shared: children's changes reach the parent
from multiprocessing import Process, Manager

def record(shared_list, shared_dict, i):
    shared_list.append(i * i)
    shared_dict[f"k{i}"] = i

if __name__ == "__main__":
    with Manager() as m:
        lst, d = m.list(), m.dict()
        procs = [Process(target=record, args=(lst, d, i)) for i in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(sorted(lst), len(lst))
        print(sorted(d.items()))
