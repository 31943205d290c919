// Answers correctly, leaving behind a detached orphan that still holds
// stdout: the run must end with the program (AC), not wait for the orphan.
// verdict: AC
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b);
    fflush(stdout);
    if (fork() == 0) {
        setsid();
        for (;;) sleep(1);
    }
    return 0;
}
