# Error case: TypeError from str + int, after some output; the message is CPython's concatenation message.
items = ["a", "b", "c"]
for i, item in enumerate(items):
    print(item + str(i))
label = "count: "
n = len(items)
print(label + str(n))
def build(prefix, k):
    return prefix + k
print(build("ok ", "fine"))
print(build(label, n))
print("never printed")
