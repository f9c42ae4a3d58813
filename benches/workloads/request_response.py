# Request/response: parse a small request, look up its route in a shared dict, build a response string
# Scenario: Beazley's GIL server experiment (CPU-bound request handling next to I/O): every thread serves
# requests; the routing table built in setup() is shared and read-mostly, the request and response strings
# are private. request() is one such request, used by the latency mode.
# iters: 60000
ROUTES = {}
PATHS = ["/", "/users/17", "/users/42/posts", "/static/app.js", "/api/v1/items/9", "/health", "/missing"]


def index(parts):
    return 200, "welcome"


def users(parts):
    if len(parts) > 2:
        return 200, "posts of user %s" % parts[1]
    return 200, "user %s" % parts[1]


def static(parts):
    return 200, "file " + "/".join(parts[1:])


def api(parts):
    return 200, '{"version": "%s", "item": %s}' % (parts[1], parts[-1])


def health(parts):
    return 200, "ok"


def setup():
    global ROUTES
    ROUTES = {"": index, "users": users, "static": static, "api": api, "health": health}


def handle(raw):
    lines = raw.split("\r\n")
    method, path, version = lines[0].split(" ")
    headers = {}
    for line in lines[1:]:
        if not line:
            break
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    parts = path.strip("/").split("/")
    handler = ROUTES.get(parts[0])
    if handler is None or method != "GET":
        status, body = 404, "not found: " + path
    else:
        status, body = handler(parts)
    reason = "OK" if status == 200 else "Not Found"
    response = f"{version} {status} {reason}\r\nContent-Length: {len(body)}\r\n"
    host = headers.get("host", "-")
    response += "Host: %s\r\nConnection: %s\r\n\r\n" % (host, headers.get("connection", "close"))
    return response + body


def make_request(i):
    path = PATHS[i % len(PATHS)]
    return "GET %s HTTP/1.1\r\nHost: example.org\r\nUser-Agent: bench/%d\r\nAccept: */*\r\n\r\n" % (path, i % 10)


def request():
    return len(handle(make_request(3)))


def work(tid, n):
    checksum = 0
    for i in range(n):
        response = handle(make_request(i + tid))
        checksum = (checksum + len(response) + ord(response[9])) % 1000003
    return checksum
