// Leaves files in /tmp and /dev/shm in one run and looks for them in the
// next: each run has its own.
// expect: ok
// runs: write | check
// stdout: SAFE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
    const char *paths[] = {"/tmp/oaj-persist", "/dev/shm/oaj-persist"};
    if (argc > 1 && strcmp(argv[1], "write") == 0) {
        for (int i = 0; i < 2; i++) {
            FILE *f = fopen(paths[i], "w");
            if (f) { fputs("left behind\n", f); fclose(f); }
        }
        printf("SAFE\n");
        return 0;
    }
    for (int i = 0; i < 2; i++)
        if (access(paths[i], F_OK) == 0) printf("LEAK %s persisted\n", paths[i]);
    printf("SAFE\n");
    return 0;
}
