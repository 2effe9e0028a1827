from multiprocessing import Process

def spin():
    while True:
        pass

if __name__ == "__main__":
    p = Process(target=spin)
    p.start()
    print("started", flush=True)
    p.join()
