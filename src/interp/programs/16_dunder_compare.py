# User __eq__/__lt__: sorted/sort/min/max with them, == and != derived, in, stable sort, reverse=, key= on objects.
class Version:
    def __init__(self, text):
        self.text = text
        self.parts = tuple([int(p) for p in text.split(".")])
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + self.text
vs = [Version(s) for s in ["1.10.0", "1.2.0", "1.2", "0.9.9", "2.0.0", "1.2.0"]]
print(sorted(vs))
print(sorted(vs, reverse=True))
print(min(vs), max(vs))
print(Version("1.2") == Version("1.2"), Version("1.2") != Version("1.3"), Version("1.2") == Version("1.2.0"))
print(Version("1.2") < Version("1.10"), Version("3") > Version("2.9"))
print(Version("2.0.0") in vs, Version("5.0") in vs, vs.index(Version("2.0.0")), vs.count(Version("1.2.0")))
class Card:
    ranks = "23456789TJQKA"
    def __init__(self, rank, suit):
        self.rank = rank
        self.suit = suit
    def value(self):
        return Card.ranks.find(self.rank)
    def __lt__(self, other):
        return self.value() < other.value()
    def __eq__(self, other):
        return self.rank == other.rank
    def __repr__(self):
        return self.rank + self.suit
hand = [Card(r, s) for r, s in [("K", "h"), ("2", "s"), ("A", "d"), ("T", "c"), ("2", "h"), ("K", "s")]]
print(sorted(hand))
hand.sort(reverse=True)
print(hand)
print(sorted(hand, key=lambda c: c.suit))
print(sorted(hand, key=lambda c: (c.suit, c.value())))
print(max(hand), min(hand), Card("K", "x") == Card("K", "y"))
class Task:
    def __init__(self, prio, name):
        self.prio = prio
        self.name = name
    def __lt__(self, other):
        if self.prio != other.prio:
            return self.prio < other.prio
        return self.name < other.name
    def __repr__(self):
        return f"{self.name}:{self.prio}"
tasks = [Task(3, "c"), Task(1, "z"), Task(2, "m"), Task(1, "a"), Task(3, "b")]
tasks.sort()
print(tasks)
# manual priority queue by insertion into a sorted list
queue = []
for t in [Task(5, "e"), Task(2, "b"), Task(9, "i"), Task(2, "a"), Task(7, "g")]:
    i = 0
    while i < len(queue) and queue[i] < t:
        i += 1
    queue.insert(i, t)
print(queue)
print([queue.pop(0).name for _ in range(3)], queue)
class Pt:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        return isinstance(other, Pt) and self.x == other.x and self.y == other.y
    def __repr__(self):
        return f"Pt({self.x}, {self.y})"
pts = [Pt(1, 2), Pt(3, 4)]
print(Pt(3, 4) in pts, Pt(4, 3) in pts, Pt(1, 2) == (1, 2), Pt(1, 2) != Pt(1, 2), [Pt(0, 0)] == [Pt(0, 0)])
print(sorted(pts, key=lambda p: -p.x), sorted([(p.y, p.x) for p in pts]))
# stability: equal keys keep input order
recs = [("b", 2), ("a", 1), ("c", 2), ("d", 1), ("e", 2)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
