# Module globals: global statement in functions, reading globals, shadowing by locals, module-level global.
global_counter = 0
config = {"verbose": False, "level": 1}
history = []
def bump(n=1):
    global global_counter
    global_counter += n
    history.append(global_counter)
    return global_counter
def read_only():
    return global_counter * 2
def shadow():
    global_counter = -1
    return global_counter
def set_level(v):
    config["level"] = v
def make_new_global():
    global created_later
    created_later = "I exist now"
bump()
bump(5)
print(global_counter, read_only(), shadow(), global_counter)
set_level(7)
print(config, history)
make_new_global()
print(created_later)
global module_level
module_level = 3
print(module_level)
total = 0
for i in range(10):
    total += i
print("total", total)
def uses_later():
    return defined_after_function + 1
defined_after_function = 41
print(uses_later())
def rebind_list():
    global history
    history = ["fresh"]
rebind_list()
print(history)
def count_calls():
    global calls
    calls = calls + 1
calls = 0
for _ in range(25):
    count_calls()
print("calls", calls)
def swap_globals():
    global a, b
    a, b = b, a
a = "A"
b = "B"
swap_globals()
print(a, b)
def accumulate(values):
    global total
    for v in values:
        total += v
    return total
print(accumulate([1, 2, 3]), total)
def inner_global():
    def nested():
        global deep
        deep = "set from nested"
    nested()
inner_global()
print(deep)
x = 10
def local_x():
    x = 20
    def get():
        return x
    return get()
def global_x():
    def get():
        return x
    return get()
print(local_x(), global_x())
state = {"n": 0}
def step():
    state["n"] += 1
    if state["n"] < 5:
        step()
step()
print(state)
print(len(history), history[0], global_counter + calls)
