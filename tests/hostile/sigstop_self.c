// Stops itself: no CPU is used, so only the wall limit ends it.
// expect: wall_time
#include <signal.h>
#include <unistd.h>
int main(void) {
    kill(getpid(), SIGSTOP);
    return 0;
}
