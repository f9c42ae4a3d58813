# printf-style % formatting: %d %i %s %r %f %.Nf %5.2f %-5s %x %X %o %e %%, widths, zero-pad, dict-free tuples.
print("%d items" % 5)
print("%d %i %d" % (-3, 42, 7.9))
print("%s|%r|%s" % ("text", "text", [1, "a"]))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%f|%.2f|%5.2f|%-8.3f|%08.3f" % (3.14159, 3.14159, 3.14159, 2.5, -2.5))
print("%.0f %.0f %.0f %.1f" % (0.5, 1.5, 2.5, 0.05))
print("%x %X %o %#x %08x" % (255, 255, 8, 255, 48879))
print("%x" % -255, "%d%%" % 50, "100%%")
print("%s" % None, "%s" % True, "%d" % True, "%r" % None)
print("%-5s|%5s|%-5s|" % ("ab", "cd", "toolong"))
print("%e %.3e %E" % (12345.678, 0.00012345, 1e20))
print("%g %g %g %g" % (0.0001, 1e-5, 123456789.0, 3.0))
print("%.3s|%10.2s|" % ("abcdef", "xyz"))
print("%s %s" % ((1, 2), "tuple in tuple"))
print("%r" % ((1, 2),))
print("%s" % "single")
print("a %s b" % [1, 2])
name = "gilfree"
version = 3
ratio = 0.875
print("%s v%d: %.1f%% done" % (name, version, ratio * 100))
rows = [("apple", 3, 1.25), ("banana", 12, 0.5), ("cherry", 100, 10.0)]
print("%-10s %5s %8s" % ("item", "qty", "price"))
for item, qty, price in rows:
    print("%-10s %5d %8.2f" % (item, qty, price))
print("%-10s %5d %8.2f" % ("total", sum([r[1] for r in rows]), sum([r[1] * r[2] for r in rows])))
for v in [0, 1, -1, 1234567, -9876543210]:
    print("[%12d] [%-12d] [%012d] [%x]" % (v, v, v, v))
for f in [0.0, -0.0, 1e-7, 123.456, 1e16, -2.675]:
    print("[%10.3f] [%-12.4e] [%s] [%r]" % (f, f, f, f))
s = "%s=%d"
print(s % ("x", 10), s % ("y", -1))
print("%%(literal) %d" % 1)
class P:
    def __repr__(self):
        return "P!"
    def __str__(self):
        return "p."
print("%s %r" % (P(), P()))
print("%s" % [P()], "%5s|%-5r|" % (P(), P()))
try:
    print("%d" % "notanumber")
except TypeError:
    print("TypeError for %d with str")
try:
    print("%s %s" % ("only one",))
except TypeError:
    print("TypeError for too few arguments")
