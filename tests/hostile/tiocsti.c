// Pushes a command into the judge's terminal (TIOCSTI), on every fd it has
// and on /dev/tty.
// expect: ok
// stdout: SAFE
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
int main(void) {
    const char *cmd = "touch /tmp/oaj-hostile-tiocsti\n";
    int fds[] = {0, 1, 2, open("/dev/tty", O_RDWR)};
    for (int i = 0; i < 4; i++) {
        if (fds[i] < 0) continue;
        for (const char *c = cmd; *c; c++)
            if (ioctl(fds[i], TIOCSTI, c) == 0) { printf("LEAK TIOCSTI on fd %d\n", fds[i]); break; }
    }
    printf("SAFE\n");
    return 0;
}
