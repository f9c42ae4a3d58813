# Sorting: sorted/list.sort with key= and reverse=, stability, tuple keys, strings, multi-pass sorts, custom algos.
nums = [5, -2, 9, 0, -7, 3, 3, 12, -2]
print(sorted(nums), sorted(nums, reverse=True), nums)
print(sorted(nums, key=abs), sorted(nums, key=abs, reverse=True))
print(sorted(nums, key=lambda v: (v % 3, -v)))
words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig", "apple"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=lambda w: w[-1], reverse=True))
people = [("alice", 30, "nyc"), ("bob", 25, "sf"), ("carol", 30, "la"), ("dave", 25, "nyc"), ("eve", 35, "sf")]
by_age = sorted(people, key=lambda p: p[1])
print([p[0] for p in by_age])
by_city_then_age = sorted(sorted(people, key=lambda p: p[1]), key=lambda p: p[2])
print([(p[2], p[1], p[0]) for p in by_city_then_age])
print([p[0] for p in sorted(people, key=lambda p: (-p[1], p[0]))])
people.sort(key=lambda p: p[0], reverse=True)
print([p[0] for p in people])
scores = {"ann": 88, "ben": 95, "cat": 88, "dan": 70}
ranking = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
for place, (name, score) in enumerate(ranking, 1):
    print(place, name, score)
print(sorted(scores), sorted(scores, key=lambda k: scores[k]), sorted(scores.values(), reverse=True))
pts = [(3, 4), (1, 1), (-2, 2), (0, 5), (2, -2)]
print(sorted(pts, key=lambda p: p[0] * p[0] + p[1] * p[1]))
print(sorted(pts), sorted(pts, reverse=True)[0])
floats = [2.5, -0.0, 1e-9, 3.14, -7.25, 0.0]
print(sorted(floats), sorted(floats, key=lambda f: -f))
def insertion_sort(xs):
    xs = xs[:]
    for i in range(1, len(xs)):
        cur = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > cur:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = cur
    return xs
def quicksort(xs):
    if len(xs) <= 1:
        return xs
    pivot = xs[len(xs) // 2]
    return quicksort([x for x in xs if x < pivot]) + [x for x in xs if x == pivot] + quicksort([x for x in xs if x > pivot])
def bubble(xs):
    xs = list(xs)
    n = len(xs)
    swapped = True
    while swapped:
        swapped = False
        for i in range(n - 1):
            if xs[i] > xs[i + 1]:
                xs[i], xs[i + 1] = xs[i + 1], xs[i]
                swapped = True
        n -= 1
    return xs
data = [(i * 7919) % 101 - 50 for i in range(40)]
expected = sorted(data)
print(insertion_sort(data) == expected, quicksort(data) == expected, bubble(data) == expected)
print(expected[:10], expected[-5:])
lst = list(data)
lst.sort()
print(lst == expected, data == expected)
lst.sort(key=lambda v: v % 10)
print(lst[:12])
print(sorted([[3, 1], [2], [3], [2, 5], []]), sorted(["b", "a"]) == ["a", "b"])
print(sorted("hello world".split(" ") + ["", "a"]), sorted(range(5), reverse=True))
print(sorted([True, False, True]), sorted([1, True, 0, False, 2]))
