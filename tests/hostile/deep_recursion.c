// Legitimate deep recursion (a million frames, ~100 MB of stack) works, as
// on OA platforms: the stack may grow up to the memory limit.
// expect: ok
// min_peak_mb: 64
// limits: memory_mb=256 cpu_ms=2000
// stdout: 1000000
#include <stdio.h>
// The volatile frame is used after the call, so it is not a tail call.
static long depth(long n) {
    volatile long pad[12];
    pad[0] = n;
    if (n == 0) return 0;
    long below = depth(n - 1);
    pad[1] = below + 1;
    return pad[1] + (pad[0] - n);
}
int main(void) {
    printf("%ld\n", depth(1000000));
    return 0;
}
