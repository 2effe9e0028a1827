# checks: a daemon thread does not keep the program alive; its late print never appears
import threading, time

def background():
    time.sleep(0.3)
    print("daemon thread finished (never shown)")

t = threading.Thread(target=background, daemon=True)
t.start()
print("daemon:", t.daemon, "alive:", t.is_alive())
print("main exits")
