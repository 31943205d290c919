// Floods stdout.
// verdict: OLE
#include <string.h>
#include <unistd.h>
int main(void) {
    char buf[65536];
    memset(buf, 'y', sizeof buf);
    for (;;) write(1, buf, sizeof buf);
}
