// Unbounded recursion: the stack eats the memory limit.
// expect: memory
#include <stdio.h>
static long down(long n) {
    volatile char pad[256];
    pad[0] = (char)n;
    return down(n + 1) + pad[0];
}
int main(void) {
    printf("%ld\n", down(0));
    return 0;
}
