# list methods: append/extend/pop/insert/remove/index/count/sort/reverse/copy; +, *, ==, in, nesting.
xs = [3, 1, 4, 1, 5, 9, 2, 6]
xs.append(5)
print(xs, len(xs))
xs.extend([3, 5])
xs.extend((8, 9))
print(xs)
print(xs.pop(), xs.pop(0), xs.pop(-2), xs)
xs.insert(0, 100)
xs.insert(3, -7)
xs.insert(100, 42)
xs.insert(-1, 7)
print(xs)
xs.remove(1)
print(xs, xs.index(5), xs.index(5, 6), xs.count(5), xs.count(1), xs.count(77))
ys = xs.copy()
ys.sort()
print(ys, xs[:3])
ys.reverse()
print(ys)
ys.sort(reverse=True)
print(ys[:4])
zs = ["pear", "Apple", "fig", "banana"]
zs.sort()
print(zs)
zs.sort(key=len)
print(zs)
zs.sort(key=lambda w: w.lower(), reverse=True)
print(zs)
print([1, 2] + [3], [0] * 4, [[0] * 2] * 2, [] + [])
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] == [])
print(3 in [1, 2, 3], 4 not in [1, 2, 3], [1] in [[1], [2]])
grid = [[0] * 3 for _ in range(3)]
grid[1][2] = 5
grid[0][0] += 1
print(grid)
alias = grid[1]
alias.append(9)
print(grid)
stack = []
for i in range(5):
    stack.append(i * i)
out = []
while stack:
    out.append(stack.pop())
print(out)
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue.pop(0), queue)
nested = [1, [2, [3, [4]]], "s", (5, 6), None, True, 2.5]
print(nested, len(nested))
print(list("abc"), list((1, 2)), list(range(3)), list())
e = []
e += [1, 2]
e *= 2
print(e)
items = [5, 3, 8]
items[1] = items[0] + items[2]
items[-1] -= 1
print(items, sum(items), max(items), min(items))
# index/remove failure messages
try:
    items.index(1000)
except ValueError as err:
    print("ValueError:", err)
try:
    items.remove(1000)
except ValueError as err:
    print("ValueError:", err)
try:
    [].pop()
except IndexError as err:
    print("IndexError:", err)
