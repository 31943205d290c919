// A shared, file-backed mapping in the work dir, larger than the memory
// limit: on a disk-backed work dir its pages are written back and dropped
// under cgroup pressure, so the program could hold 400 MiB of live data
// under a 256 MB limit and pass with a capped peak. The work dir is a tmpfs
// charged to the run: the run must fail (MLE, or a signal/exit when the
// tmpfs is full).
// expect: memory|signal|exit
// limits: cpu_ms=5000 wall_ms=20000 memory_mb=256
// needs: cgroups
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
// Several files, each under the file size limit.
#define FILES 7
#define FILE_MB 60
int main(void) {
    size_t size = (size_t)FILE_MB << 20;
    unsigned char *maps[FILES];
    for (int f = 0; f < FILES; f++) {
        char name[32];
        snprintf(name, sizeof name, "shared-%d.bin", f);
        int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || ftruncate(fd, size) != 0) { perror("setup"); return 1; }
        maps[f] = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (maps[f] == MAP_FAILED) { perror("mmap"); return 1; }
        for (size_t i = 0; i < size; i += 4096) maps[f][i] = (unsigned char)(i >> 12) ^ f;
    }
    // Everything is still there: read it all back.
    unsigned long pages = 0;
    for (int f = 0; f < FILES; f++)
        for (size_t i = 0; i < size; i += 4096) pages += maps[f][i] == ((unsigned char)(i >> 12) ^ f);
    printf("LEAK kept %lu MiB live under a 256 MB limit\n", pages >> 8);
    return 0;
}
