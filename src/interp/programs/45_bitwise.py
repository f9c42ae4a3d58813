# Bitwise operators on ints (& | ^ ~ << >>), as used by richards; bit counting, masks, gray codes, xorshift.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1, a << 2, a >> 2, -a >> 1, -1 >> 10)
print(0xff & 0x0f, 0xd008 ^ 0xffff, 1 << 62, (1 << 62) >> 61, 255 >> 4 << 4)
print(-8 & 7, -8 | 7, -8 ^ 7, 5 & -1, 12345 & 0xfff)
x = 0b1011
x &= 0b0110
y = 3
y |= 12
z = 0xf0
z ^= 0xff
w = 1
w <<= 10
v = 1024
v >>= 3
print(x, y, z, w, v)
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(i) for i in range(17)], popcount(2 ** 62 - 1))
def gray(n):
    return n ^ (n >> 1)
print([gray(i) for i in range(16)])
print([gray(i) & 15 for i in range(8)], [i ^ gray(i) for i in range(8)])
def xorshift(state):
    state ^= (state << 13) & 0xffffffff
    state ^= state >> 17
    state ^= (state << 5) & 0xffffffff
    return state & 0xffffffff
s = 2463534242
outs = []
for _ in range(8):
    s = xorshift(s)
    outs.append(s)
print(outs, sum(o % 100 for o in outs))
flags = 0
READ, WRITE, EXEC = 1, 2, 4
flags |= READ | EXEC
print(flags & READ != 0, flags & WRITE != 0, flags & EXEC != 0, flags)
flags &= ~READ
print(flags, bool(flags & READ))
control = 1
trace = []
for _ in range(12):
    if control & 1 == 0:
        control = control // 2
        trace.append("A")
    else:
        control = control // 2 ^ 0xd008
        trace.append("B")
print("".join(trace), control)
print(True & False, True | False, True ^ True, 6 & 3 == 2, (6 & 3) == 2)
def reverse_bits(n, width):
    r = 0
    for _ in range(width):
        r = (r << 1) | (n & 1)
        n >>= 1
    return r
print([reverse_bits(i, 4) for i in range(8)], reverse_bits(1, 62))
