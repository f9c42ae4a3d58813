# Error case: AttributeError for a missing instance attribute accessed in a method.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
    def norm3d(self):
        return abs(self.x) + abs(self.y) + abs(self.z)
p = Point(3, -4)
print("norm1", p.norm1())
p.z = 1
print("norm3d with z", p.norm3d())
q = Point(1, 1)
print("norm3d without z")
print(q.norm3d())
