# Linked list and binary search tree classes: insertion, recursive traversal generators, __iter__/__len__, deletion.
class ListNode:
    def __init__(self, val, nxt=None):
        self.val = val
        self.next = nxt
class LinkedList:
    def __init__(self, items=()):
        self.head, self.size = None, 0
        for it in items:
            self.append(it)
    def append(self, val):
        node = ListNode(val)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next is not None:
                cur = cur.next
            cur.next = node
        self.size += 1
        return self
    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.val
            cur = cur.next
    def __len__(self):
        return self.size
    def reverse(self):
        prev = None
        cur = self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev
        return self
    def remove(self, val):
        prev = None
        cur = self.head
        while cur:
            if cur.val == val:
                if prev is None:
                    self.head = cur.next
                else:
                    prev.next = cur.next
                self.size -= 1
                return True
            prev, cur = cur, cur.next
        return False
    def __repr__(self):
        return "[" + " -> ".join([repr(v) for v in self]) + "]"
ll = LinkedList([3, 1, 4, 1, 5])
print(ll, len(ll), list(ll), sum(ll))
print(ll.reverse(), ll.remove(1), ll, ll.remove(42), len(ll))
class BST:
    def __init__(self):
        self.root = None
        self.count = 0
    def insert(self, key):
        if self.root is None:
            self.root = [key, None, None]
            self.count += 1
            return
        node = self.root
        while True:
            if key == node[0]:
                return
            idx = 1 if key < node[0] else 2
            if node[idx] is None:
                node[idx] = [key, None, None]
                self.count += 1
                return
            node = node[idx]
    def inorder(self, node="start"):
        if node == "start":
            node = self.root
        if node is None:
            return
        for k in self.inorder(node[1]):
            yield k
        yield node[0]
        for k in self.inorder(node[2]):
            yield k
    def contains(self, key):
        node = self.root
        while node is not None:
            if key == node[0]:
                return True
            node = node[1] if key < node[0] else node[2]
        return False
t = BST()
keys = [(i * 37) % 101 for i in range(40)]
for k in keys:
    t.insert(k)
t.insert(keys[0])
print(t.count, list(t.inorder())[:10], sum(t.inorder()), list(t.inorder()) == sorted(keys), t.contains(74), t.contains(1000))
words = BST()
for w in "the quick brown fox jumps over the lazy dog".split():
    words.insert(w)
print(list(words.inorder()), words.count)
class TreeNode:
    def __init__(self, val):
        self.val = val
        self.kids = []
    def add(self, val):
        node = TreeNode(val)
        self.kids.append(node)
        return node
    def walk(self, depth=0):
        yield depth, self.val
        for k in self.kids:
            for item in k.walk(depth + 1):
                yield item
root = TreeNode("root")
a = root.add("a")
a.add("a1")
a.add("a2").add("a2x")
root.add("b").add("b1")
for depth, val in root.walk():
    print("  " * depth + val)
print(max(d for d, v in root.walk()), [v for d, v in root.walk() if d == 2])
