// Solves a+b only when it finds itself contained: no .ans file anywhere it
// can see, no host secrets, no network, not root. Judged through `oaj run`,
// AC on every case means every check held on every case.
// verdict: AC
#include <arpa/inet.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static long visited;

static int finds_answers(const char *dir, int depth) {
    if (depth > 8 || visited > 20000) return visited > 20000;
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d))) {
        visited++;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        size_t n = strlen(e->d_name);
        if (n > 4 && !strcmp(e->d_name + n - 4, ".ans")) found = 1;
        if (e->d_type == DT_DIR) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
            // System directories are read-only copies of the host's.
            if (!strcmp(path, "/usr") || !strcmp(path, "/proc") || !strcmp(path, "/sys")) continue;
            found = finds_answers(path, depth + 1);
        }
    }
    closedir(d);
    return found;
}

static int reads(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    int c = fgetc(f);
    fclose(f);
    return c != EOF;
}

static int connects(const char *ip, int port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return 0;
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, ip, &a.sin_addr);
    int ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    close(s);
    return ok;
}

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    int leaked = finds_answers("/", 0) || reads("/etc/shadow") || reads("/root/.bashrc")
        || opendir("/work") != NULL || connects("127.0.0.1", 22) || getuid() == 0;
    if (leaked) {
        printf("not contained\n");
        return 0;
    }
    printf("%lld\n", a + b);
    return 0;
}
