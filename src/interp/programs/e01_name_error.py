# Error case: NameError raised inside a function called from module level (traceback through two frames).
def greet(name):
    return "hello " + name
def compute(values):
    total = 0
    for v in values:
        total += v
    return total / count_of_values
print(greet("world"))
print("sum of three:", 1 + 2 + 3)
result = compute([1, 2, 3])
print("never printed", result)
