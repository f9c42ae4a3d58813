# str methods: split/join/strip/replace/startswith/endswith/upper/lower/find; indexing, concat, repeat, in.
s = "  Hello, World!  "
print(repr(s.strip()), repr(s.strip(" !H")), len(s))
t = s.strip()
print(t.upper(), t.lower(), t.replace("l", "L"), t.replace("l", "", 2))
print(t.find("o"), t.find("o", 5), t.find("xyz"), t.find("World"))
print(t.startswith("Hello"), t.startswith("World"), t.endswith("!"), t.endswith("d"))
print(t.startswith("World", 7), t.endswith("Hello", 0, 5))
print("a,b,,c".split(","), "a b  c\td\n".split(), "x".split(","), "".split())
print("k=v=w".split("=", 1), "1 2 3 4".split(" ", 2))
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join([]))
print("ab" * 3, "-" * 10, "x" + "y" + "z", 3 * "no")
print("ell" in t, "xyz" in t, "" in t, "H" not in t)
print(t[0], t[-1], t[4], t[-6])
word = "Mississippi"
count = 0
pos = word.find("ss")
while pos != -1:
    count += 1
    pos = word.find("ss", pos + 1)
print("ss occurs", count, "times")
print(word.lower().replace("ss", "SS").upper())
chars = []
for ch in "abc":
    chars.append(ch.upper())
print(chars)
print("abc" < "abd", "Z" < "a", "apple" < "apples", "b" > "abc", "x" == "x")
print(str(42), str(-3.5), str(True), str(None), str([1, "a"]))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\tnew\nline\\"))
u = "café naïve"
print(u, len(u), u.upper(), u[3], u[-5:])
lines = "alpha 1\nbeta 22\ngamma 333\n".strip().split("\n")
for line in lines:
    name, num = line.split()
    print(name.upper().strip(), int(num) * 2, name.startswith("b"))
csv = " name ; age ;city "
fields = [f.strip() for f in csv.split(";")]
print(fields, "|".join(fields))
path = "/usr/local/lib/python3.11/site.py"
parts = path.split("/")
print(parts, parts[-1], parts[1:3])
print(path.endswith(".py"), path.find("lib"), path.replace("/", "."))
s2 = ""
for i in range(5):
    s2 += str(i)
print(s2, len(s2), s2 * 2)
print("Title Case Words".lower().split(" "), "snake_case_name".upper())
print("  \t padded\n ".strip(), "xxhixx".strip("x"), "abc".strip("c"))
print(bool(""), bool(" "), len(""), "" == "")
