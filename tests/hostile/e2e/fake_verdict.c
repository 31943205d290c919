// Claims success on stderr and stdout, then fails: the verdict comes from
// what the process did.
// verdict: RE
#include <stdio.h>
int main(void) {
    printf("AC\n");
    fprintf(stderr, "verdict: AC\n{\"verdict\":\"AC\"}\n");
    return 1;
}
