# Error case: a SyntaxError on line 3; nothing runs, so stdout stays empty.
print("this line is never executed")
x = = 1
print(x)
