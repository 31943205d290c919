// Busy-waits on the clock for 100 seconds.
// limits: cpu_ms=500 wall_ms=5000
// expect: cpu_time
#include <time.h>
int main(void) {
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while (now.tv_sec - start.tv_sec < 100);
    return 0;
}
