// Looks for the hidden answer by guessing paths: relative to the work dir,
// the real host path (given in HIDDEN_ANS, the worst case), and through
// /proc/self/fd/0 and /proc/self/cwd.
// expect: ok
// stdout: SAFE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void try_read(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return;
    char buf[256] = {0};
    fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    if (strstr(buf, "SECRET")) printf("LEAK read %s\n", path);
}
int main(void) {
    const char *host = getenv("HIDDEN_ANS");
    if (host) try_read(host);
    const char *guesses[] = {
        "../problem/tests/hidden/1.ans", "../../problem/tests/hidden/1.ans",
        "/proc/self/cwd/../problem/tests/hidden/1.ans", "/proc/1/cwd/../problem/tests/hidden/1.ans",
        "/proc/self/fd/0", "/problem/tests/hidden/1.ans", "tests/hidden/1.ans",
    };
    for (unsigned i = 0; i < sizeof guesses / sizeof *guesses; i++) try_read(guesses[i]);
    printf("SAFE\n");
    return 0;
}
