# Single inheritance: super().__init__, overriding, super() method calls, isinstance, class attribute lookup chain.
class Animal:
    kind = "animal"
    legs = 4
    def __init__(self, name):
        self.name = name
        self.sounds = []
    def speak(self):
        return "..."
    def describe(self):
        return f"{self.name} is a {self.kind} with {self.legs} legs and says {self.speak()}"
class Dog(Animal):
    kind = "dog"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name, breed, age):
        super().__init__(name, breed)
        self.age = age
    def speak(self):
        return super().speak() + "ish"
    def describe(self):
        return "little " + super().describe()
class Bird(Animal):
    kind = "bird"
    legs = 2
    def speak(self):
        return "tweet"
zoo = [Animal("generic"), Dog("rex", "lab"), Puppy("bit", "pug", 1), Bird("tweety")]
for a in zoo:
    print(a.describe())
p = zoo[2]
print(p.name, p.breed, p.age, p.kind, p.legs)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Bird))
print(isinstance(zoo[3], (Dog, Bird)), isinstance(3, (str, Animal)), type(p) is Puppy, type(p) is Dog)
class Shape:
    def area(self):
        raise NotImplementedError("area not implemented")
    def perimeter(self):
        return 0
    def summary(self):
        return "%s: area=%.2f perimeter=%.2f" % (self.name(), self.area(), self.perimeter())
    def name(self):
        return "shape"
class Rect(Shape):
    def __init__(self, w, h):
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
    def perimeter(self):
        return 2 * (self.w + self.h)
    def name(self):
        return "rect"
class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
    def name(self):
        return "square(" + super().name() + ")"
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r * self.r
    def name(self):
        return "circle"
shapes = [Rect(2, 3), Square(4), Circle(1.5)]
for s in shapes:
    print(s.summary())
print(sum(s.area() for s in shapes))
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
class Base:
    registry = []
    def __init__(self):
        self.registry.append(type(self) is Base)
        self.setup()
    def setup(self):
        self.tag = "base"
class Derived(Base):
    def setup(self):
        super().setup()
        self.tag = self.tag + "+derived"
print(Base().tag, Derived().tag, Base.registry)
class A:
    x = 1
class B(A):
    pass
class C(B):
    x = 3
print(A.x, B.x, C.x, B().x)
B.x = 2
print(A.x, B.x, C.x)
del B.x
print(B.x)
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amt):
        self.balance += amt
        return self
class Savings(Account):
    rate = 0.05
    def __init__(self, owner, balance=0):
        super().__init__(owner, balance)
        self.history = [balance]
    def deposit(self, amt):
        super().deposit(amt)
        self.history.append(self.balance)
        return self
    def add_interest(self):
        return self.deposit(round(self.balance * self.rate, 2))
s = Savings("zed", 100).deposit(50).add_interest().deposit(10)
print(s.owner, s.balance, s.history)
