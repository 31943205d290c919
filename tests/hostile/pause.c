// Waits for a signal that never comes.
// expect: wall_time
#include <unistd.h>
int main(void) {
    pause();
    return 0;
}
