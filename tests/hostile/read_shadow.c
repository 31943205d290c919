// Reads the host's secrets: /etc/shadow, /etc/gshadow, /root, the judge's
// environment (as pid 1's environ).
// expect: ok
// stdout: SAFE
#include <dirent.h>
#include <stdio.h>
#include <string.h>
static int readable(const char *path, const char *needle) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    for (size_t i = 0; i < n; i++) if (!buf[i]) buf[i] = ' ';
    return n > 0 && (!needle || strstr(buf, needle));
}
int main(void) {
    if (readable("/etc/shadow", "root:")) printf("LEAK /etc/shadow\n");
    if (readable("/etc/gshadow", "root:")) printf("LEAK /etc/gshadow\n");
    if (readable("/proc/1/environ", "=")) printf("LEAK environment of pid 1\n");
    if (readable("/proc/self/environ", "HOME=")) printf("LEAK inherited environment\n");
    DIR *d = opendir("/root");
    if (d) { printf("LEAK /root is visible\n"); closedir(d); }
    d = opendir("/work");
    if (d) { printf("LEAK /work is visible\n"); closedir(d); }
    printf("SAFE\n");
    return 0;
}
