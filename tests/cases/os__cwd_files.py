# checks: os.listdir/os.path helpers/os.remove/os.path.exists on files created in the working directory
import os
for name in ["b.txt", "a.txt"]:
    with open(name, "w") as f:
        f.write(name * 2)
print(sorted(n for n in os.listdir(".") if n.endswith(".txt")))
print(os.path.exists("a.txt"), os.path.getsize("a.txt"), os.path.isfile("b.txt"), os.path.isdir("."))
print(os.path.join("dir", "file.py"), os.path.splitext("archive.tar.gz"), os.path.basename("/x/y/z.txt"))
os.remove("a.txt")
print(os.path.exists("a.txt"), sorted(n for n in os.listdir(".") if n.endswith(".txt")))
os.makedirs("sub/inner", exist_ok=True)
print(os.path.isdir("sub/inner"))
