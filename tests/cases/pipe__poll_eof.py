# checks: poll(timeout) is False when nothing is pending; recv raises EOFError once every writer end is closed
from multiprocessing import Process, Pipe

def child(conn):
    conn.send("last message")
    conn.close()

if __name__ == "__main__":
    here, there = Pipe()
    print("poll before:", here.poll(0.05))
    p = Process(target=child, args=(there,))
    p.start()
    there.close()
    print("poll with data:", here.poll(1))
    print(here.recv())
    p.join()
    try:
        here.recv()
    except EOFError:
        print("EOFError: the other end closed")
