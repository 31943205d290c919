// Writes many files, each under the file size limit, unlinking each one at
// once but keeping it open, hoping to fill the host disk with space nobody
// can see. The work dir is a tmpfs charged to the run's memory: the host's
// free space must not move, and the memory or size limit stops the run.
// expect: memory|exit|signal|file_size
// limits: cpu_ms=8000 wall_ms=20000 memory_mb=256
// max_host_disk_mb: 512
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static char block[1 << 20];
int main(void) {
    memset(block, 'x', sizeof block);
    long written = 0;
    for (int i = 0; i < 60; i++) {
        char name[32];
        snprintf(name, sizeof name, "fill-%d", i);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) { perror("open"); return 1; }
        unlink(name);
        for (int j = 0; j < 32; j++) {
            if (write(fd, block, sizeof block) != (ssize_t)sizeof block) {
                fprintf(stderr, "stopped after %ld MiB\n", written);
                return 1;
            }
            written++;
        }
    }
    printf("LEAK wrote %ld MiB of unlinked files\n", written);
    return 0;
}
