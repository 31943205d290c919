// io_uring: a large kernel surface whose requests bypass seccomp. Setting up
// a ring must fail.
// expect: ok
// stdout: SAFE
#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    long fd = syscall(__NR_io_uring_setup, 4, &params);
    if (fd >= 0) printf("LEAK io_uring_setup gave fd %ld\n", fd);
    // enter and register on a made-up fd must be refused by the filter
    // (EPERM), not reach the kernel (EBADF).
    if (syscall(__NR_io_uring_enter, 3, 0, 0, 0, NULL, 0) < 0 && errno != EPERM)
        printf("LEAK io_uring_enter reached the kernel (%s)\n", strerror(errno));
    if (syscall(__NR_io_uring_register, 3, 0, NULL, 0) < 0 && errno != EPERM)
        printf("LEAK io_uring_register reached the kernel (%s)\n", strerror(errno));
    printf("SAFE\n");
    return 0;
}
