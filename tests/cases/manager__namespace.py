# checks: Manager().Namespace attributes set in a child are visible in the parent
from multiprocessing import Process, Manager

def configure(ns):
    ns.status = "ready"
    ns.count += 5

if __name__ == "__main__":
    with Manager() as m:
        ns = m.Namespace()
        ns.count = 1
        p = Process(target=configure, args=(ns,))
        p.start()
        p.join()
        print(ns.status, ns.count)
