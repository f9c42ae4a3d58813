# Slicing of lists, strings and tuples: positive/negative bounds, steps, out-of-range, copies.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-3])
print(a[::2], a[1::2], a[::-1], a[8:2:-2], a[-1:-4:-1])
print(a[100:], a[-100:2], a[5:2], a[3:3], a[::3])
print(a[-2], a[-10], a[0])
s = "abcdefghij"
print(s[1:4], s[-4:], s[::-1], s[::3], s[5:1:-1], s[:0])
print(s[-1], s[len(s) - 1], s[2:-2:2])
t = (1, 2, 3, 4, 5)
print(t[1:3], t[::-1], t[-2:], t[:1], t[4:9])
b = a[:]
b.append(99)
print(len(a), len(b), a == b[:-1])
c = a[2:6]
c[0] = -1
print(a[2], c)
# palindromes via slicing
words = ["level", "rotor", "gilfree", "abba", "a", ""]
print([w for w in words if w == w[::-1]])
# rotate list
def rotate(xs, k):
    if not xs:
        return xs
    k = k % len(xs)
    return xs[k:] + xs[:k]
print(rotate([1, 2, 3, 4, 5], 2), rotate([1, 2, 3, 4, 5], -1), rotate([], 3))
# chunking
data = list(range(1, 12))
chunks = [data[i:i + 4] for i in range(0, len(data), 4)]
print(chunks)
# slices with computed bounds
n = len(s)
for i in range(0, n, 3):
    print(i, s[i:i + 3], s[-i - 1::-3])
# nested slicing
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(m[1:][0][::-1], [row[1:] for row in m[::2]])
# step slices of strings building new strings
alphabet = "abcdefghijklmnopqrstuvwxyz"
print(alphabet[::5], alphabet[-1::-5], alphabet[3:20:4])
# del with index on a list, then slices again
d = list(range(8))
del d[0]
del d[-1]
print(d, d[1:-1], d[::-2])
print(s[::-2] + s[::2], (s[:3] * 2)[1:5])
