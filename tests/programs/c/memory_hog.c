/* Allocates 1 GiB in 16 MiB blocks and writes to every page, so the memory is
 * really used (untouched allocations would not count). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (16u << 20)
#define BLOCKS 64

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    char *blocks[BLOCKS];
    unsigned long checksum = 0;
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = malloc(BLOCK);
        memset(blocks[i], i + 1, BLOCK);
        checksum += (unsigned char)blocks[i][BLOCK - 1];
    }
    printf("%lld\n", a + b + (long long)(checksum % 2));
    return 0;
}
