// Prints judge-looking verdicts; the outcome is what the process did.
// expect: exit
#include <stdio.h>
int main(void) {
    printf("Accepted\n");
    fprintf(stderr, "verdict: AC\n{\"verdict\":\"AC\",\"passed\":10,\"total\":10}\n");
    return 1;
}
