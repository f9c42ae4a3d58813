# f-strings: expressions, !r/!s, format specs (.3f >8 <8 ^8 ,d x X o b e % +), nested specs, braces escaping.
x = 3.14159265
n = 1234567
s = "pad"
print(f"{x:.3f} {x:.0f} {x:10.4f}| {x:<10.2f}| {x:^10.1f}| {-x:+.2f} {x:+.2f}")
print(f"{n:,d} {n:,} {-n:,d} {n:_d} {n:>12,}| {n:x} {n:X} {n:o} {n:b}")
print(f"{255:x} {255:#x} {255:08x} {255:#010b} {-255:x}")
print(f"[{s:>8}] [{s:<8}] [{s:^8}] [{s:*^9}] [{s:-<6}] [{s:.2}]")
print(f"[{42:5}] [{42:<5}] [{42:^5}] [{42:05}] [{-42:05}] [{42:+}]")
print(f"{0.000123:e} {12345.678:.2e} {1e20:E} {0.5:%} {0.25:.1%}")
print(f"{1.0:g} {0.0001:g} {1e-5:g} {123456789.0:g} {100.0:.3g}")
print(f"{x!r} {s!r} {s!s} {[1, 'a']!r} {None} {True} {1e16}")
w = 12
p = 3
print(f"[{x:{w}.{p}f}] [{x:>{w}}] [{s:{'#'}^{w}}] [{n:{w},}]")
print(f"{{literal braces}} {{{n}}} {'{'}")
print(f"{x * 2:.2f} {n // 1000} {len(s) + 1} {s.upper()} {s[::-1]} {[i * i for i in range(4)]}")
print(f"{'yes' if n > 100 else 'no'} {n > 100 and 'big'} {(lambda v: v + 1)(1)}")
d = {"a": 1, "b": [1, 2]}
print(f"{d['a']} {d['b'][-1]} {d} {d!r}")
name = "width"
print(f"name={name!r}")
for i, word in enumerate(["alpha", "be", "gamma"]):
    print(f"{i:>3}: {word:<6}|{len(word):03d}|{word!r:>9}")
table = [("Widget", 3, 4.5), ("Gadget", 10, 12.25), ("Thing", 1000, 0.1)]
for name, qty, price in table:
    print(f"{name:<8}{qty:>6,}{price:>10.2f}{qty * price:>12,.2f}")
val = 1234.5
for spec_w in [8, 10, 12]:
    for spec_p in [0, 1, 3]:
        print(f"|{val:{spec_w}.{spec_p}f}", end="")
    print("|")
print(f"{3:.2f} {True:d} {7.0:.1f} {-0.0:.1f} {2.5:.0f} {3.5:.0f}")
print(f"{'a'}{'b'}" f"{'c'}" "d" f"e{1}")
multi = f"""line one {n}
line two {x:.1f}"""
print(multi)
class Temp:
    def __init__(self, c):
        self.c = c
    def __str__(self):
        return f"{self.c:.1f}C"
    def __repr__(self):
        return f"Temp({self.c!r})"
t = Temp(21.456)
print(f"{t} {t!r} {t!s:>10}| {[t]}")
print(f"{-1:x} {2**40:,} {-2**40:_x} {10**18:,}")
print(f"{0.1 + 0.2} {0.1 + 0.2:.17f} {1/3:.5f} {2/3:.15g}")
