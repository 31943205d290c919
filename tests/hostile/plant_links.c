// Replaces its own binary with a symlink to /etc/shadow and plants a FIFO,
// hoping the judge copies them out of the work dir.
// expect: ok
// artifact_refused: main planted.fifo
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
