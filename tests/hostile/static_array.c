// A 1 GiB static array, touched: far above the 64 MiB limit.
// needs: cgroups
// (without them RLIMIT_DATA refuses the mapping at exec: SIGSEGV, not MLE)
// expect: memory
#include <string.h>
#include <stdio.h>
static char big[1 << 30];
int main(void) {
    memset(big, 1, sizeof big);
    printf("%d\n", big[12345]);
    return 0;
}
