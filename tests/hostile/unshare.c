// Creates namespaces of its own (a user namespace would give it root-like
// powers to attack the kernel from), and mounts.
// expect: ok
// stdout: SAFE
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <signal.h>
#include <unistd.h>
int main(void) {
    if (unshare(CLONE_NEWUSER) == 0) printf("LEAK unshare(CLONE_NEWUSER)\n");
    if (unshare(CLONE_NEWNS) == 0) printf("LEAK unshare(CLONE_NEWNS)\n");
    long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) _exit(0);
    if (pid > 0) printf("LEAK clone(CLONE_NEWUSER)\n");
    if (mount("none", "/tmp", "tmpfs", 0, 0) == 0) printf("LEAK mount\n");
    if (chroot("/tmp") == 0) printf("LEAK chroot\n");
    printf("SAFE\n");
    return 0;
}
