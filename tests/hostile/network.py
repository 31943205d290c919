# Opens network connections from Python.
# expect: ok
# stdout: SAFE
import socket
for host, port in [("127.0.0.1", 22), ("127.0.0.1", 80), ("1.1.1.1", 443), ("8.8.8.8", 53)]:
    try:
        s = socket.create_connection((host, port), timeout=0.3)
        print("LEAK connected to", host, port)
        s.close()
    except OSError:
        pass
try:
    socket.getaddrinfo("example.com", 80)
    print("LEAK DNS works")
except OSError:
    pass
print("SAFE")
