// Writes 200 MB to stderr then exits: stderr is capped and drained, which
// is not a limit violation.
// expect: ok
// stderr_truncated: true
#include <string.h>
#include <unistd.h>
int main(void) {
    char buf[65536];
    memset(buf, 'e', sizeof buf);
    for (int i = 0; i < 3200; i++) write(2, buf, sizeof buf);
    write(1, "done\n", 5);
    return 0;
}
