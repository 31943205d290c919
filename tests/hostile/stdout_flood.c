// Floods stdout: the cap stops the run (output limit), nothing spills to disk.
// expect: output
// limits: stdout_bytes=1048576
#include <string.h>
#include <unistd.h>
int main(void) {
    char buf[65536];
    memset(buf, 'y', sizeof buf);
    for (;;) write(1, buf, sizeof buf);
}
