// Closes stdout, then writes to fd 1 again (once closed, once reopened onto
// a file): nothing reaches the judge and the run still ends normally.
// expect: ok
// stdout: 
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
    close(1);
    write(1, "after close\n", 12);
    int fd = open("/tmp/reopened", O_WRONLY | O_CREAT, 0644);
    if (fd == 1) write(1, "into a file\n", 12);
    fprintf(stderr, "fd=%d\n", fd);
    return 0;
}
