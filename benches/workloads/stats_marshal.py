# Marshalling: converting per-session stats records into fresh dicts and lists (a binding layer's job)
# Scenario: the pygobject/GTK talk, where a worker thread turns C-side statistics structs into Python
# objects for the UI. setup() builds a shared table of raw records (tuples, read by every thread); each
# iteration marshals one record into a fresh dict and a fresh list, derives a few fields and drops them.
# Stresses allocation plus refcounts on shared read-only records and shared key strings.
# iters: 200000
FIELDS = ("session", "rx_bytes", "tx_bytes", "packets", "errors", "rtt_us")
RECORDS = []


def setup():
    global RECORDS
    records = []
    seed = 12345
    for i in range(64):
        row = [i]
        for f in range(5):
            seed = (seed * 1103515245 + 12345) % 2147483648
            row.append(seed % 100000)
        records.append(tuple(row))
    RECORDS = records


def marshal(rec):
    d = {}
    for k in range(len(FIELDS)):
        d[FIELDS[k]] = rec[k]
    d["total_bytes"] = d["rx_bytes"] + d["tx_bytes"]
    d["label"] = "session-%d" % d["session"]
    return d


def work(tid, n):
    records = RECORDS
    nrec = len(records)
    checksum = 0
    for i in range(n):
        d = marshal(records[(i + tid) % nrec])
        values = [d["total_bytes"], d["packets"], d["errors"], d["rtt_us"]]
        summary = {"id": d["session"], "values": values, "label": d["label"]}
        checksum = (checksum + sum(summary["values"]) + len(summary["label"])) % 1000003
    return checksum
