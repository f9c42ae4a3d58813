# Text processing: word counts with dicts, top-k via sorted, line parsing, caesar cipher, run-length encoding.
text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness"""
lines = text.split("\n")
print(len(lines), [len(l) for l in lines])
words = []
for line in lines:
    for w in line.split():
        w = w.strip(",.").lower()
        if w:
            words.append(w)
print(len(words), words[:8])
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
for w, n in top:
    print(f"{w:>8} {n:3d} {'#' * n}")
print(sorted([w for w in freq if freq[w] == 1]))
longest = max([(len(w), w) for w in freq])
print("longest:", longest)
alpha = "abcdefghijklmnopqrstuvwxyz"
def caesar(s, k):
    out = []
    for ch in s:
        lower = ch.lower()
        idx = alpha.find(lower)
        if idx == -1:
            out.append(ch)
            continue
        new = alpha[(idx + k) % 26]
        out.append(new.upper() if ch != lower else new)
    return "".join(out)
secret = caesar("Hello, World! xyz", 3)
print(secret, "|", caesar(secret, -3))
def rle(s):
    if not s:
        return []
    runs = []
    cur = s[0]
    n = 1
    for ch in s[1:]:
        if ch == cur:
            n += 1
        else:
            runs.append((cur, n))
            cur = ch
            n = 1
    runs.append((cur, n))
    return runs
enc = rle("aaabccddddde")
print(enc, "".join([c + str(n) for c, n in enc]), "".join([c * n for c, n in enc]))
records = "id,name,score\n1,ann,88.5\n2,bob,92\n3,cyd,79.25\n4,dee,100"
header, *rows = records.split("\n")
cols = header.split(",")
table = []
for row in rows:
    vals = row.split(",")
    rec = {}
    for i, c in enumerate(cols):
        rec[c] = vals[i]
    rec["id"] = int(rec["id"])
    rec["score"] = float(rec["score"])
    table.append(rec)
print(table[1])
avg = sum([r["score"] for r in table]) / len(table)
print(f"average {avg:.3f}", "best", sorted(table, key=lambda r: r["score"])[-1]["name"])
print(" | ".join([f"{r['name']:<4}{r['score']:>7.2f}" for r in table]))
def word_wrap(s, width):
    out = []
    line = ""
    for w in s.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = line + " " + w if line else w
    if line:
        out.append(line)
    return out
for l in word_wrap(lines[0] + " " + lines[1], 24):
    print("[" + l + "]")
vowels = "aeiou"
print(sum([1 for ch in text.lower() if ch in vowels]), {v: len(text.lower().split(v)) - 1 for v in vowels})
print(" ".join(lines[0].split()[::-1]))
