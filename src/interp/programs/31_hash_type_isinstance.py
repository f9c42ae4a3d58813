# hash() of ints/floats/tuples, hash consistency for dict keys, isinstance with classes/tuples, type() identity.
print(hash(0), hash(1), hash(-1), hash(-2), hash(12345), hash(-987654321))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 62), hash(-(2 ** 61)), hash(9223372036854775807))
print(hash(1.0), hash(1.5), hash(-2.5), hash(0.1), hash(1e100), hash(0.0), hash(-0.0))
print(hash(True), hash(False), hash(3) == hash(3.0), hash(2 ** 40) == hash(float(2 ** 40)))
print(hash(()), hash((1,)), hash((1, 2)), hash((2, 1)), hash((1, (2, 3))), hash((0.5, -1)))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((1, 2)) != hash((2, 1)))
t = (3, 4)
d = {t: "tuple", 3.0: "float3", (1, (2, 3)): "nested"}
print(d[(3, 4)], d[3], d[(1.0, (2, 3.0))], (3.0, 4.0) in d)
class Shape:
    pass
class Circle(Shape):
    pass
class Ring(Circle):
    pass
class Square(Shape):
    pass
objs = [Shape(), Circle(), Ring(), Square()]
for o in objs:
    print(isinstance(o, Shape), isinstance(o, Circle), isinstance(o, Ring), isinstance(o, (Square, Ring)), type(o) is Circle)
print([type(o) is Shape for o in objs], type(objs[2]) is type(Ring()), type(objs[0]) == type(objs[3]))
def kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, (list, tuple)):
        return "seq" + str(len(v))
    if isinstance(v, dict):
        return "dict"
    if v is None:
        return "none"
    if isinstance(v, Shape):
        return "shape"
    return "other"
print([kind(v) for v in [True, 1, 1.5, "s", [1], (1, 2), {}, None, Ring(), kind]])
print(isinstance(ValueError("x"), Exception), isinstance(KeyError("k"), Exception), isinstance(3, Exception))
class MyErr(ValueError):
    pass
e = MyErr("m")
print(isinstance(e, MyErr), isinstance(e, ValueError), isinstance(e, Exception), isinstance(e, TypeError), type(e) is MyErr)
print(type(3)(7.9), type("x")(12), type([])((1, 2)), type(0.0)("2.5"), type(True)(0))
print(int is type(1), float is type(2.5), str is type(""), list is type([]))
def norm_hash(v):
    return hash(v) % 1000
buckets = {}
for v in [1, 2, 1001, 2002, 3.0, (1, 2), (1002, 2), -999]:
    buckets.setdefault(norm_hash(v), []).append(v)
print(buckets)
print(sum(hash(i) for i in range(100)), sum(hash(i * 0.5) % 97 for i in range(20)))
