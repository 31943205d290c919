// Tries to create files everywhere outside the work dir and /tmp.
// expect: ok
// stdout: SAFE
// host_absent: /oaj-hostile-escape /usr/oaj-hostile-escape /etc/oaj-hostile-escape /var/tmp/oaj-hostile-escape /root/oaj-hostile-escape /home/oaj-hostile-escape
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
    const char *paths[] = {
        "/oaj-hostile-escape", "/usr/oaj-hostile-escape", "/etc/oaj-hostile-escape",
        "/var/tmp/oaj-hostile-escape", "/root/oaj-hostile-escape", "/home/oaj-hostile-escape",
        "/bin/oaj-hostile-escape", "/lib/oaj-hostile-escape", "/proc/oaj-hostile-escape",
        "/dev/oaj-hostile-escape", "/box/../oaj-hostile-escape", "/etc/passwd",
    };
    for (unsigned i = 0; i < sizeof paths / sizeof *paths; i++) {
        int fd = open(paths[i], O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0 && write(fd, "x", 1) == 1) printf("LEAK wrote %s\n", paths[i]);
        if (fd >= 0) close(fd);
    }
    printf("SAFE\n");
    return 0;
}
