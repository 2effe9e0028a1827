# checks: the if __name__ == "__main__" guard runs main() only when executed as a script
def main():
    print("main running, __name__ =", __name__)
    return 0
print("module level first")
if __name__ == "__main__":
    main()
print("module level last")
