// Writes a little more than the stdout cap in one go and exits at once, so
// the excess may still sit in the pipe when the program's end is reported:
// it is an output limit all the same.
// expect: output
// limits: stdout_bytes=1000
#include <string.h>
#include <unistd.h>
int main(void) {
    char buf[3000];
    memset(buf, 'y', sizeof buf);
    return write(1, buf, sizeof buf) == (ssize_t)sizeof buf ? 0 : 1;
}
