// Reads stdin to the end (it must end: input is a file, never a pipe left
// open), then blocks on a FIFO of its own. The wall limit ends it.
// expect: wall_time
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
    char buf[4096];
    while (read(0, buf, sizeof buf) > 0) {}
    printf("stdin ended\n");
    fflush(stdout);
    mkfifo("/tmp/block", 0600);
    int fd = open("/tmp/block", O_RDONLY);
    read(fd, buf, 1);
    return 0;
}
