// Replaces its own binary with a symlink to /etc/shadow and plants a FIFO,
// hoping the judge copies them out of the work dir. The run keeps its files
// (as a compile does): the copy back takes regular files and directories
// only, so neither reaches the host work dir (which the suite checks).
// expect: ok
// keep: all
// artifact_refused: planted.fifo
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
    unlink("main");
    symlink("/etc/shadow", "main");
    mkfifo("planted.fifo", 0666);
    printf("planted\n");
    return 0;
}
