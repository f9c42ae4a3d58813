# Nested lists as matrices: multiply, transpose via zip(*m), determinant (recursive), identity, power, Gaussian elim.
def mat_mul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(m)) for j in range(p)] for i in range(n)]
def transpose(a):
    return [list(row) for row in zip(*a)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def mat_pow(a, e):
    result = identity(len(a))
    base = a
    while e > 0:
        if e % 2 == 1:
            result = mat_mul(result, base)
        e //= 2
        if e > 0:
            base = mat_mul(base, base)
    return result
def det(a):
    n = len(a)
    if n == 1:
        return a[0][0]
    if n == 2:
        return a[0][0] * a[1][1] - a[0][1] * a[1][0]
    total = 0
    for c in range(n):
        minor = [row[:c] + row[c + 1:] for row in a[1:]]
        sign = -1 if c % 2 else 1
        total += sign * a[0][c] * det(minor)
    return total
def show(m, fmt="%4d"):
    for row in m:
        print(" ".join([fmt % v for v in row]))
A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
show(mat_mul(A, B))
show(transpose(A))
print(transpose(transpose(A)) == A, identity(3))
F = [[1, 1], [1, 0]]
print("fib via matrix power:", [mat_pow(F, n)[0][1] for n in range(1, 15)], mat_pow(F, 90)[0][1])
M = [[2, -3, 1], [2, 0, -1], [1, 4, 5]]
print("det", det(M), det(identity(4)), det([[1, 2], [2, 4]]))
M4 = [[3, 2, 0, 1], [4, 0, 1, 2], [3, 0, 2, 1], [9, 2, 3, 1]]
print("det4", det(M4))
def solve(a, b):
    n = len(a)
    m = [list(row) + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = col
        for r in range(col + 1, n):
            if abs(m[r][col]) > abs(m[piv][col]):
                piv = r
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [m[r][k] - f * m[col][k] for k in range(n + 1)]
    return [m[i][n] / m[i][i] for i in range(n)]
sol = solve([[2.0, 1.0, -1.0], [-3.0, -1.0, 2.0], [-2.0, 1.0, 2.0]], [8.0, -11.0, -3.0])
print("solution", ["%.6f" % v for v in sol])
show([[v * 0.5 for v in row] for row in mat_mul(B, A)], "%6.1f")
spiral = [[0] * 5 for _ in range(5)]
r, c, dr, dc = 0, 0, 0, 1
for n in range(1, 26):
    spiral[r][c] = n
    nr, nc = r + dr, c + dc
    if not (0 <= nr < 5 and 0 <= nc < 5) or spiral[nr][nc] != 0:
        dr, dc = dc, -dr
        nr, nc = r + dr, c + dc
    r, c = nr, nc
show(spiral, "%3d")
print("trace", sum(spiral[i][i] for i in range(5)), "anti", sum(spiral[i][4 - i] for i in range(5)))
rot = [list(row)[::-1] for row in zip(*spiral)]
print(rot[0], rot[-1])
