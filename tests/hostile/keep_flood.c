// A run that keeps its files (as a compile does) leaves more than the file
// size limit in all, each file under it: the copy back to the host stops at
// the limit and the run ends with the file size limit, so a compiler cannot
// fill the build cache's disk.
// expect: file_size
// keep: all
// limits: memory_mb=512
// max_work_dir_mb: 64
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static char block[1 << 20];
int main(void) {
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "out-%d.bin", i);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { perror("open"); return 1; }
        for (int j = 0; j < 30; j++)
            if (write(fd, block, sizeof block) != (ssize_t)sizeof block) { perror("write"); return 1; }
        close(fd);
    }
    return 0;
}
