# Error case: unbounded recursion ends in an uncaught RecursionError (after printing something first).
def countdown(n):
    if n == 0:
        return 0
    return 1 + countdown(n - 1)
print("bounded recursion:", countdown(100))
def runaway(n):
    return runaway(n + 1) + 1
print("starting unbounded recursion")
runaway(0)
print("never printed")
