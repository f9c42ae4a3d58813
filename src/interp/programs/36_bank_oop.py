# OOP simulation: accounts with inheritance, user exceptions, class-level id counter, transaction log, method chaining.
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"account {account.number} cannot withdraw {amount}")
        self.shortfall = amount - account.balance
class FrozenAccount(Exception):
    pass
class Account:
    next_number = 1000
    fee = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.number = Account.next_number
        Account.next_number += 1
        self.log = []
        self.frozen = False
    def deposit(self, amount):
        if self.frozen:
            raise FrozenAccount(self.number)
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.log.append(("dep", amount))
        return self
    def withdraw(self, amount):
        if self.frozen:
            raise FrozenAccount(self.number)
        total = amount + self.fee
        if total > self.balance:
            raise InsufficientFunds(self, total)
        self.balance -= total
        self.log.append(("wd", total))
        return self
    def __repr__(self):
        return f"{type(self).kind}#{self.number}({self.owner}: {self.balance})"
    kind = "Account"
class Checking(Account):
    fee = 1
    kind = "Checking"
class Savings(Account):
    kind = "Savings"
    def __init__(self, owner, balance=0, rate=2):
        super().__init__(owner, balance)
        self.rate = rate
    def month_end(self):
        interest = self.balance * self.rate // 100
        if interest:
            self.deposit(interest)
        return interest
    def withdraw(self, amount):
        if len([e for e in self.log if e[0] == "wd"]) >= 2:
            raise RuntimeError("savings withdrawal limit reached")
        return super().withdraw(amount)
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, acct):
        self.accounts[acct.number] = acct
        return acct
    def transfer(self, src, dst, amount):
        a = self.accounts[src]
        b = self.accounts[dst]
        a.withdraw(amount)
        try:
            b.deposit(amount)
        except FrozenAccount:
            a.deposit(amount + a.fee)
            raise
    def total(self):
        return sum([a.balance for a in self.accounts.values()])
bank = Bank()
c = bank.open(Checking("ann", 100))
s = bank.open(Savings("ann", 1000, rate=3))
o = bank.open(Account("bob"))
print(bank.accounts)
c.deposit(50).withdraw(20).withdraw(5)
print(c, c.log)
for m in range(3):
    print("month", m, "interest", s.month_end(), s.balance)
ops = [(c.number, o.number, 30), (s.number, c.number, 500), (o.number, s.number, 1000),
       (s.number, o.number, 1), (s.number, o.number, 1), (c.number, 9999, 1)]
for src, dst, amt in ops:
    try:
        bank.transfer(src, dst, amt)
        print("ok", src, "->", dst, amt)
    except InsufficientFunds as e:
        print("insufficient:", e, "short by", e.shortfall)
    except RuntimeError as e:
        print("runtime:", e)
    except KeyError as e:
        print("no such account", e)
o.frozen = True
try:
    bank.transfer(c.number, o.number, 10)
except FrozenAccount as e:
    print("frozen", e.args, c.balance)
try:
    c.deposit(-5)
except ValueError as e:
    print("ValueError:", e)
print(bank.accounts, bank.total(), Account.next_number)
print(sorted([a.balance for a in bank.accounts.values()]), [len(a.log) for a in bank.accounts.values()])
