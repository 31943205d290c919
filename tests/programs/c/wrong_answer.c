/* Adds in 32 bits: sums beyond 2^31 - 1 wrap around to negative numbers
 * (unsigned arithmetic, so the wrap is defined rather than undefined behaviour). */
#include <stdio.h>

int main(void) {
    int a, b;
    if (scanf("%d %d", &a, &b) != 2) return 1;
    printf("%d\n", (int)((unsigned)a + (unsigned)b));
    return 0;
}
