# checks: a duplex Pipe used for request/response between parent and child
from multiprocessing import Process, Pipe

def echo_server(conn):
    while True:
        msg = conn.recv()
        if msg == "quit":
            conn.send("bye")
            break
        conn.send(msg.upper())

if __name__ == "__main__":
    a, b = Pipe()
    p = Process(target=echo_server, args=(b,))
    p.start()
    for word in ["ping", "pong", "quit"]:
        a.send(word)
        print(word, "->", a.recv())
    p.join()
