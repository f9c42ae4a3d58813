# dict methods: get/keys/values/items/pop/setdefault/update; insertion order, del, KeyError, nested dicts.
d = {"one": 1, "two": 2, "three": 3}
print(d, len(d), d["two"])
d["four"] = 4
d["one"] = 11
print(d)
print(d.get("two"), d.get("nine"), d.get("nine", -1))
print(list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k], end="; ")
print()
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()
print(d.pop("two"), d.pop("zzz", "default"), d)
print(d.setdefault("five", 5), d.setdefault("one", 0), d)
d.update({"six": 6, "one": 1})
print(d)
d.update([("seven", 7)])
print(d)
del d["three"]
print("three" in d, "four" in d, "x" not in d, d)
# re-inserting after delete goes to the end
d["three"] = 33
print(list(d))
# int and tuple keys
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], grid[2, 0], len(grid), (3, 3) in grid)
sq = {}
for i in range(-3, 4):
    sq[i] = i * i
print(sq)
# counting with get and setdefault
text = "the quick brown fox jumps over the lazy dog the end"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
groups = {}
for w in text.split():
    groups.setdefault(len(w), []).append(w)
print(groups)
# nested dict
db = {"alice": {"age": 30, "langs": ["py", "rs"]}, "bob": {"age": 25, "langs": []}}
db["bob"]["langs"].append("go")
db["carol"] = {"age": 41, "langs": ["c"]}
for name, info in db.items():
    print(name, info["age"], ",".join(info["langs"]))
print(db)
# equality and copies
a = {1: "a", 2: "b"}
b = {2: "b", 1: "a"}
print(a == b, a != {1: "a"}, dict(a) == a, dict([(1, 2), (3, 4)]))
c = dict(a)
c[3] = "c"
print(len(a), len(c))
# KeyError
try:
    print(d["missing"])
except KeyError as e:
    print("KeyError", e, repr(e.args[0]))
try:
    d.pop("nothere")
except KeyError as e:
    print("pop KeyError", e)
try:
    del d["gone"]
except KeyError as e:
    print("del KeyError", e)
# values of different types, and bool keys collide with ints
mixed = {1: "int", True: "bool", 1.0: "float", "1": "str", None: "none"}
print(mixed, len(mixed))
print(sum(sq.values()), max(sq.keys()), sorted(counts.items())[:3])
empty = {}
print(empty, bool(empty), bool(d), dict())
