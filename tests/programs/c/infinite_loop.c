/* Spins forever; the volatile counter keeps the compiler from removing the loop. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    volatile unsigned long long spins = 0;
    for (;;) spins++;
}
