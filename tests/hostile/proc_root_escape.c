// Escapes through /proc: pid 1's root, the parent's root, host processes.
// expect: ok
// stdout: SAFE
#include <dirent.h>
#include <stdio.h>
#include <ctype.h>
#include <unistd.h>
int main(void) {
    const char *paths[] = {"/proc/1/root/root", "/proc/1/root/work", "/proc/1/root/tmp",
                           "/proc/1/cwd/..", "/proc/2/root/root"};
    for (unsigned i = 0; i < sizeof paths / sizeof *paths; i++) {
        DIR *d = opendir(paths[i]);
        if (!d) continue;
        int entries = 0;
        while (readdir(d)) entries++;
        closedir(d);
        if (entries > 2) printf("LEAK %s lists %d entries\n", paths[i], entries);
    }
    DIR *proc = opendir("/proc");
    int pids = 0;
    struct dirent *e;
    while (proc && (e = readdir(proc))) if (isdigit((unsigned char)e->d_name[0])) pids++;
    if (proc) closedir(proc);
    if (pids > 4) printf("LEAK /proc shows %d processes\n", pids);
    if (getpid() > 10) printf("LEAK pid %d is not in a fresh pid namespace\n", (int)getpid());
    printf("SAFE\n");
    return 0;
}
