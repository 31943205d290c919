// Socket families that cross the run's boundary: NETLINK_USERSOCK is shared
// by every run in one network namespace (two runs could exchange data),
// vsock ignores network namespaces (a port the hypervisor side can reach),
// packet sockets see raw frames. All must be refused; Unix and inet sockets
// (harmless in the empty network namespace) must still work.
// expect: ok
// stdout: unix ok, inet ok, inet6 ok, netlink refused, vsock refused, packet refused, socketpair(netlink) refused
#include <errno.h>
#include <linux/netlink.h>
#include <linux/vm_sockets.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

static const char *sep = "";

static void report(const char *what, int fd, int must_work) {
    if (fd >= 0 && must_work) printf("%s%s ok", sep, what);
    else if (fd < 0 && must_work) printf("%sBROKEN %s: %s", sep, what, strerror(errno));
    else if (fd < 0) printf("%s%s refused", sep, what);
    else printf("%sLEAK %s created", sep, what);
    sep = ", ";
}

int main(void) {
    report("unix", socket(AF_UNIX, SOCK_STREAM, 0), 1);
    report("inet", socket(AF_INET, SOCK_DGRAM, 0), 1);
    report("inet6", socket(AF_INET6, SOCK_DGRAM, 0), 1);

    int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
    if (nl >= 0) {
        // What a second run would do to reach this one.
        struct sockaddr_nl addr = {.nl_family = AF_NETLINK, .nl_pid = 4242};
        if (bind(nl, (struct sockaddr *)&addr, sizeof addr) == 0) fprintf(stderr, "bound netlink port 4242\n");
    }
    report("netlink", nl, 0);

    int vs = socket(AF_VSOCK, SOCK_STREAM, 0);
    if (vs >= 0) {
        struct sockaddr_vm addr = {.svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_ANY, .svm_port = 4242};
        if (bind(vs, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(vs, 1) == 0)
            fprintf(stderr, "listening on vsock port 4242\n");
    }
    report("vsock", vs, 0);

    report("packet", socket(AF_PACKET, SOCK_RAW, 0), 0);
    int pair[2];
    report("socketpair(netlink)", socketpair(AF_NETLINK, SOCK_RAW, 0, pair) == 0 ? pair[0] : -1, 0);
    printf("\n");
    return 0;
}
