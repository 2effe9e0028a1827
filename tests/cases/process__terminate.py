# checks: terminate() stops a sleeping child before it prints; exitcode is -15 (SIGTERM)
import time
from multiprocessing import Process

def sleeper():
    time.sleep(5)
    print("should never print")

if __name__ == "__main__":
    p = Process(target=sleeper)
    p.start()
    time.sleep(0.1)
    print("alive before terminate:", p.is_alive())
    p.terminate()
    p.join()
    print("alive after terminate:", p.is_alive())
    print("exitcode:", p.exitcode)
