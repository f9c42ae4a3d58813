# A tiny stack-machine interpreter written in the subset: tokenizer, compiler to ops, dispatch via dict of methods.
class VMError(Exception):
    pass
def tokenize(src):
    toks = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == " ":
            i += 1
        elif ch in "0123456789":
            j = i
            while j < len(src) and src[j] in "0123456789":
                j += 1
            toks.append(("num", int(src[i:j])))
            i = j
        elif ch in "+-*/()%":
            toks.append(("op", ch))
            i += 1
        else:
            raise VMError(f"bad char {ch!r} at {i}")
    return toks
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2}
def to_rpn(toks):
    out = []
    ops = []
    for kind, val in toks:
        if kind == "num":
            out.append(("push", val))
        elif val == "(":
            ops.append(val)
        elif val == ")":
            while ops and ops[-1] != "(":
                out.append(("op", ops.pop()))
            if not ops:
                raise VMError("unbalanced )")
            ops.pop()
        else:
            while ops and ops[-1] != "(" and PREC[ops[-1]] >= PREC[val]:
                out.append(("op", ops.pop()))
            ops.append(val)
    while ops:
        op = ops.pop()
        if op == "(":
            raise VMError("unbalanced (")
        out.append(("op", op))
    return out
class VM:
    def __init__(self):
        self.stack = []
        self.steps = 0
        self.table = {"+": self.add, "-": self.sub, "*": self.mul, "/": self.div, "%": self.mod}
    def pop2(self):
        if len(self.stack) < 2:
            raise VMError("stack underflow")
        b = self.stack.pop()
        a = self.stack.pop()
        return a, b
    def add(self):
        a, b = self.pop2()
        self.stack.append(a + b)
    def sub(self):
        a, b = self.pop2()
        self.stack.append(a - b)
    def mul(self):
        a, b = self.pop2()
        self.stack.append(a * b)
    def div(self):
        a, b = self.pop2()
        if b == 0:
            raise VMError("division by zero in program")
        self.stack.append(a // b)
    def mod(self):
        a, b = self.pop2()
        self.stack.append(a % b)
    def run(self, code):
        self.stack = []
        for kind, val in code:
            self.steps += 1
            if kind == "push":
                self.stack.append(val)
            else:
                self.table[val]()
        if len(self.stack) != 1:
            raise VMError(f"bad final stack {self.stack}")
        return self.stack[0]
vm = VM()
programs = ["1 + 2 * 3", "(1 + 2) * 3", "100 / 7 % 4", "2 * (3 + 4) * (5 - 1)", "10 - 20 - 30",
            "(((7)))", "8 / (3 - 3)", "1 + + 2", "(1 + 2", "4 $ 4", "17 % 5 * 3 - 100 / 9"]
for src in programs:
    try:
        code = to_rpn(tokenize(src))
        print(f"{src:<24} => {vm.run(code)}   rpn: {' '.join([str(v) for k, v in code])}")
    except VMError as e:
        print(f"{src:<24} !! {e}")
print("total steps", vm.steps)
big = " + ".join([f"({i} * {i})" for i in range(1, 21)])
print(vm.run(to_rpn(tokenize(big))), sum(i * i for i in range(1, 21)))
