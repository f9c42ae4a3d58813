# Error case: IndentationError (unindent does not match any outer indentation level) on line 7.
def f(n):
    if n > 0:
        return n
    else:
      return -n
  print("bad dedent")
print(f(3))
