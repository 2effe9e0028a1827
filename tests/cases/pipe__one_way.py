# checks: Pipe(duplex=False) gives (reader, writer); sending on the reader fails
from multiprocessing import Pipe

if __name__ == "__main__":
    reader, writer = Pipe(duplex=False)
    writer.send(("tuple", 1))
    print(reader.recv())
    try:
        reader.send("nope")
    except OSError as e:
        print("OSError:", e)
