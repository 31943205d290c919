// Sleeps instead of computing: only the wall limit catches it.
// expect: wall_time
#include <unistd.h>
int main(void) {
    sleep(100);
    return 0;
}
