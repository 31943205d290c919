// A fork bomb: the pids cgroup caps it, the CPU limit ends it, and no
// process outlives the run.
// expect: cpu_time | wall_time
// limits: cpu_ms=500 processes=16 wall_ms=5000
#include <unistd.h>
int main(void) {
    for (;;) fork();
}
