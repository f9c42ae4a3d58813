# del statement (names, list items, dict keys, attributes), attribute assignment/lookup, NameError after del.
x = 10
y = [x, x]
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
print(y)
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[3]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d, "b" in d)
a, b, c = 1, 2, 3
del a, b
print(c)
class Obj:
    cls_attr = "class"
    def __init__(self):
        self.inst = "instance"
o = Obj()
o.extra = 42
print(o.inst, o.extra, o.cls_attr)
o.cls_attr = "shadowed"
print(o.cls_attr, Obj.cls_attr)
del o.cls_attr
print(o.cls_attr)
del o.extra
try:
    print(o.extra)
except AttributeError as e:
    print("AttributeError:", e)
try:
    del o.never_set
except AttributeError:
    print("AttributeError on del")
nested = {"outer": {"inner": [1, 2, 3]}}
del nested["outer"]["inner"][1]
print(nested)
matrix = [[1, 2], [3, 4], [5, 6]]
del matrix[1][0]
del matrix[0]
print(matrix)
def local_del():
    v = "temp"
    w = v + "!"
    del v
    return w
print(local_del())
items = [5, 1, 5, 2, 5, 3]
i = 0
while i < len(items):
    if items[i] == 5:
        del items[i]
    else:
        i += 1
print(items)
counts = {"x": 0, "y": 3, "z": 0, "w": 1}
for k in list(counts.keys()):
    if counts[k] == 0:
        del counts[k]
print(counts)
class Config:
    pass
cfg = Config()
for name, val in [("host", "localhost"), ("port", 8080), ("debug", True)]:
    if name == "host":
        cfg.host = val
    elif name == "port":
        cfg.port = val
    else:
        cfg.debug = val
print(cfg.host, cfg.port, cfg.debug)
cfg.port += 1
cfg.host = cfg.host.upper()
print(cfg.host, cfg.port)
class Chain:
    def __init__(self):
        self.child = None
        self.value = 0
root = Chain()
root.child = Chain()
root.child.child = Chain()
root.child.child.value = 7
root.child.value = root.child.child.value * 2
root.value = root.child.value + 1
print(root.value, root.child.value, root.child.child.value, root.child.child.child)
del root.child.child
try:
    root.child.child
except AttributeError:
    print("child deleted")
glob = "global"
def del_global():
    global glob
    del glob
del_global()
try:
    print(glob)
except NameError as e:
    print("NameError:", e)
