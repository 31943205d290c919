# Looks at the environment and the host's files from Python.
# expect: ok
# stdout: SAFE
import os
if set(os.environ) - {"PATH", "HIDDEN_ANS", "LC_CTYPE"}:
    print("LEAK environment:", sorted(os.environ))
for path in ["/etc/shadow", "/root/.bashrc", "/root/.cargo/env", "/proc/1/root/etc/shadow"]:
    try:
        with open(path) as f:
            if "root:" in f.read() or path.startswith("/root"):
                print("LEAK", path)
    except OSError:
        pass
if os.getuid() == 0 or os.geteuid() == 0:
    print("LEAK running as root")
print("SAFE")
