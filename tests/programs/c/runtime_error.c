/* Writes through a null pointer: SIGSEGV. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    long long *volatile result = NULL;
    *result = a + b;
    printf("%lld\n", *result);
    return 0;
}
