// Traces itself and its parent.
// expect: ok
// stdout: SAFE
#include <stdio.h>
#include <sys/ptrace.h>
#include <unistd.h>
int main(void) {
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) == 0) printf("LEAK PTRACE_TRACEME\n");
    if (ptrace(PTRACE_ATTACH, getppid(), 0, 0) == 0) printf("LEAK attached to parent\n");
    if (ptrace(PTRACE_ATTACH, 1, 0, 0) == 0) printf("LEAK attached to pid 1\n");
    printf("SAFE\n");
    return 0;
}
