// Eight spinning threads multiply CPU time over wall time: the CPU time of
// all threads counts, and the run stops near the CPU limit.
// needs: cgroups
// (without them RLIMIT_DATA is the memory line, and it counts thread stacks)
// expect: cpu_time
// limits: cpu_ms=600 wall_ms=5000
// max_wall_ms: 4500
#include <pthread.h>
static void *spin(void *arg) {
    volatile unsigned long x = 0;
    for (;;) x++;
    return arg;
}
int main(void) {
    pthread_t t[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], 0, spin, 0);
    for (int i = 0; i < 8; i++) pthread_join(t[i], 0);
    return 0;
}
