// Connects to the loopback and to outside addresses: there is no network.
// expect: ok
// stdout: SAFE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
static void try_connect(const char *ip, int port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return;
    fcntl(s, F_SETFL, O_NONBLOCK);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, ip, &a.sin_addr);
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    if (r < 0 && errno == EINPROGRESS) {
        struct pollfd p = {s, POLLOUT, 0};
        if (poll(&p, 1, 300) == 1) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
            r = err ? -1 : 0;
        }
    }
    if (r == 0) printf("LEAK connected to %s:%d\n", ip, port);
    close(s);
}
int main(void) {
    int ports[] = {22, 80, 443, 53, 8080};
    for (int i = 0; i < 5; i++) {
        try_connect("127.0.0.1", ports[i]);
        try_connect("1.1.1.1", ports[i]);
        try_connect("8.8.8.8", ports[i]);
    }
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons(53);
    inet_pton(AF_INET, "8.8.8.8", &a.sin_addr);
    if (u >= 0 && sendto(u, "x", 1, 0, (struct sockaddr *)&a, sizeof a) == 1) printf("LEAK udp sent\n");
    printf("SAFE\n");
    return 0;
}
