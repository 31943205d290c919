// The parent exits at once; its child detaches (setsid, double fork) and
// would keep running forever. The run must end with the parent, killing
// the orphan.
// expect: ok
// max_wall_ms: 1500
#include <stdio.h>
#include <unistd.h>
int main(void) {
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            for (;;) sleep(1);
        }
        for (;;) sleep(1);
    }
    printf("parent done\n");
    return 0;
}
