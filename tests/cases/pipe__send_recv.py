# checks: Pipe(): the child sends objects on its end, the parent receives them in order
from multiprocessing import Process, Pipe

def sender(conn):
    conn.send("hi parent")
    conn.send([1, 2, {"three": 3}])
    conn.close()

if __name__ == "__main__":
    parent_conn, child_conn = Pipe()
    p = Process(target=sender, args=(child_conn,))
    p.start()
    print(parent_conn.recv())
    print(parent_conn.recv())
    p.join()
