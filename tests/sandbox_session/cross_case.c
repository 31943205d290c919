// Cross-case attacks on a sandbox session (tests/sandbox_session.rs).
// `./main plant WHAT` is case 1: it leaves WHAT behind and exits 0.
// `./main check` is case 2 in the same session: it reports, as lines
// starting with LEAK, anything of case 1 it can still see or that still
// acts on it, then prints "check done".
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/ptrace.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KEY 0x0A11
#define ANSWER "DAEMON-WROTE-THIS\n"

static void nap_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {}
}

// Writes ANSWER into every other process's stdout and into /box: what a
// daemon surviving into the next case would do to it.
static void haunt(void) {
    for (int round = 0; round < 2000; round++) {
        DIR *proc = opendir("/proc");
        struct dirent *e;
        while (proc && (e = readdir(proc))) {
            int pid = atoi(e->d_name);
            if (pid <= 1 || pid == getpid()) continue;
            char path[64];
            snprintf(path, sizeof path, "/proc/%d/fd/1", pid);
            int fd = open(path, O_WRONLY | O_NONBLOCK);
            if (fd >= 0) {
                (void)!write(fd, ANSWER, strlen(ANSWER));
                close(fd);
            }
        }
        if (proc) closedir(proc);
        int fd = open("/box/daemon", O_WRONLY | O_CREAT | O_APPEND, 0666);
        if (fd >= 0) {
            (void)!write(fd, ANSWER, strlen(ANSWER));
            close(fd);
        }
        nap_ms(10);
    }
    _exit(0);
}

static void detach(void) {
    if (fork() != 0) _exit(0);
    setsid();
    if (fork() != 0) _exit(0);
}

// Creates a chain of `depth` directories named d beneath `top`.
static int deep_tree(const char *top, int depth) {
    if (mkdir(top, 0755) != 0) return -1;
    int dir = open(top, O_RDONLY | O_DIRECTORY);
    for (int i = 0; dir >= 0 && i < depth; i++) {
        if (mkdirat(dir, "d", 0755) != 0) { close(dir); return -1; }
        int sub = openat(dir, "d", O_RDONLY | O_DIRECTORY);
        close(dir);
        dir = sub;
    }
    if (dir < 0) return -1;
    close(dir);
    return 0;
}

// Creates `count` empty files named f<i> in a new directory `dir`.
static int many_files(const char *dir, int count) {
    if (mkdir(dir, 0755) != 0) return -1;
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    if (d < 0) return -1;
    char name[32];
    for (int i = 0; i < count; i++) {
        snprintf(name, sizeof name, "f%d", i);
        int fd = openat(d, name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) { close(d); return -1; }
        close(fd);
    }
    close(d);
    return 0;
}

// Creates PATH, writes 1 MiB into it and unlinks it: a file without a
// name, open.
static int unlinked_file(const char *path) {
    static char block[1 << 20];
    memset(block, 7, sizeof block);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || write(fd, block, sizeof block) != (ssize_t)sizeof block || unlink(path) != 0) return -1;
    return fd;
}

// Sends `fd` over `socket` (SCM_RIGHTS).
static int send_fd(int socket, int fd) {
    char byte = 0;
    struct iovec iov = {&byte, 1};
    union { struct cmsghdr h; char space[CMSG_SPACE(sizeof(int))]; } control;
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.space;
    msg.msg_controllen = sizeof control.space;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    return sendmsg(socket, &msg, 0) == 1 ? 0 : -1;
}

static int plant(const char *what) {
    if (!strcmp(what, "daemon")) {
        if (fork() == 0) {
            detach();
            haunt();
        }
    } else if (!strcmp(what, "pgid")) {
        if (fork() == 0) {
            setpgid(0, 0);
            for (int s = 1; s < 65; s++) signal(s, SIG_IGN);
            haunt();
        }
    } else if (!strcmp(what, "files")) {
        const char *paths[] = {"/box/planted", "/tmp/planted", "/dev/shm/planted"};
        for (int i = 0; i < 3; i++) {
            FILE *f = fopen(paths[i], "w");
            if (!f) { printf("refused: %s: %s\n", paths[i], strerror(errno)); return 1; }
            fputs("planted\n", f);
            fclose(f);
        }
    } else if (!strcmp(what, "sysv")) {
        int shm = shmget(KEY, 4096, IPC_CREAT | 0666);
        int msg = msgget(KEY, IPC_CREAT | 0666);
        int sem = semget(KEY, 1, IPC_CREAT | 0666);
        struct { long type; char text[16]; } m = {1, "planted"};
        if (shm < 0 || msg < 0 || sem < 0 || msgsnd(msg, &m, sizeof m.text, 0) != 0) {
            printf("refused: sysv: %s\n", strerror(errno));
            return 1;
        }
    } else if (!strcmp(what, "shm-big")) {
        // 100 MiB of SysV shared memory, touched, left without a process:
        // it lives as long as its IPC namespace and is charged to the
        // cgroup until freed.
        size_t size = 100 << 20;
        int shm = shmget(KEY + 1, size, IPC_CREAT | 0666);
        char *p = shm < 0 ? (char *)-1 : shmat(shm, NULL, 0);
        if (p == (char *)-1) {
            printf("refused: shm-big: %s\n", strerror(errno));
            return 1;
        }
        memset(p, 1, size);
        shmdt(p);
    } else if (!strcmp(what, "mqueue")) {
        struct mq_attr attr = {0, 4, 16, 0, {0}};
        mqd_t q = mq_open("/oaj-planted", O_CREAT | O_RDWR, 0666, &attr);
        if (q == (mqd_t)-1 || mq_send(q, "planted", 8, 0) != 0) {
            printf("refused: mqueue: %s\n", strerror(errno));
            return 1;
        }
    } else if (!strcmp(what, "fifo")) {
        if (mkfifo("/tmp/fifo", 0666) != 0 || mkfifo("/box/fifo", 0666) != 0) {
            printf("refused: fifo: %s\n", strerror(errno));
            return 1;
        }
        if (fork() == 0) {
            detach();
            int a = open("/tmp/fifo", O_RDWR), b = open("/box/fifo", O_RDWR);
            (void)a; (void)b;
            haunt();
        }
    } else if (!strcmp(what, "fd")) {
        // A child that keeps the case's stdout (and stderr) open long after
        // the program ends: the answer must not wait for it.
        if (fork() == 0) {
            detach();
            for (;;) pause();
        }
    } else if (!strcmp(what, "init")) {
        int leaks = 0;
        int sigs[] = {SIGKILL, SIGTERM, SIGSTOP, SIGINT};
        for (int i = 0; i < 4; i++) {
            if (kill(1, sigs[i]) == 0) printf("kill(1, %d) accepted\n", sigs[i]);
            if (kill(getppid(), sigs[i]) == 0) printf("kill(ppid, %d) accepted\n", sigs[i]);
        }
        if (ptrace(PTRACE_ATTACH, 1, 0, 0) == 0) { printf("LEAK ptrace attached to init\n"); leaks++; }
        if (ptrace(PTRACE_SEIZE, 1, 0, 0) == 0) { printf("LEAK ptrace seized init\n"); leaks++; }
        // Every pid outside the namespace (the supervisor's included) is
        // out of reach: none can be signalled.
        for (int pid = 2; pid < 4096; pid++) {
            if (pid != getpid() && kill(pid, 0) == 0) { printf("LEAK pid %d is visible\n", pid); leaks++; }
        }
        if (leaks) return 1;
    } else if (!strcmp(what, "cpu")) {
        if (fork() == 0) {
            detach();
            for (volatile unsigned long i = 0;; i++) {}
        }
    } else if (!strcmp(what, "memory")) {
        int ready[2];
        if (pipe(ready) != 0) return 1;
        if (fork() == 0) {
            detach();
            size_t size = 100 << 20;
            char *p = malloc(size);
            if (p) memset(p, 1, size);
            (void)!write(ready[1], "y", 1);
            for (;;) pause();
        }
        char c;
        close(ready[1]);
        if (read(ready[0], &c, 1) != 1) { printf("refused: memory child died\n"); return 1; }
    } else if (!strcmp(what, "box-attrs")) {
        // The program owns /box: it may change its mode and give it
        // extended attributes, which an emptied /box must not keep.
        if (setxattr("/box", "user.planted", "x", 1, 0) != 0 || chmod("/box", 0700) != 0) {
            printf("refused: box-attrs: %s\n", strerror(errno));
            return 1;
        }
        FILE *f = fopen("/tmp/attrs", "w");
        if (!f || setxattr("/tmp/attrs", "user.planted", "x", 1, 0) != 0) {
            printf("refused: box-attrs /tmp: %s\n", strerror(errno));
            return 1;
        }
        fclose(f);
    } else if (!strcmp(what, "deep")) {
        if (deep_tree("/box/deep", 40) != 0 || deep_tree("/tmp/deep", 40) != 0) {
            printf("refused: deep: %s\n", strerror(errno));
            return 1;
        }
    } else if (!strcmp(what, "many")) {
        // 100,000 files: far more than a file system is emptied of name by name.
        if (many_files("/box/many", 30000) != 0 || many_files("/tmp/many", 30000) != 0 ||
            many_files("/dev/shm/many", 40000) != 0) {
            printf("refused: many: %s\n", strerror(errno));
            return 1;
        }
    } else if (!strcmp(what, "hardlink")) {
        FILE *f = fopen("/box/orig", "w");
        FILE *g = fopen("/tmp/orig", "w");
        if (!f || !g || mkdir("/box/sub", 0755) != 0 || link("/box/orig", "/box/linked") != 0 ||
            link("/box/orig", "/box/sub/linked") != 0 || link("/tmp/orig", "/tmp/linked") != 0) {
            printf("refused: hardlink: %s\n", strerror(errno));
            return 1;
        }
        fclose(f);
        fclose(g);
        // A second name for the copied-in executable (refused where
        // protected_hardlinks is on: the file is not the program's).
        (void)!link("/box/main", "/box/main-linked");
    } else if (!strcmp(what, "unlinked")) {
        // Files without names, held open by a detached child, and one held
        // by a cycle of Unix sockets in flight that no process holds any
        // more (freed only when the kernel's garbage collector gets to it).
        int held[3] = {unlinked_file("/box/gone"), unlinked_file("/tmp/gone"), unlinked_file("/dev/shm/gone")};
        int flying = unlinked_file("/tmp/gone-in-flight");
        int pair[2];
        if (held[0] < 0 || held[1] < 0 || held[2] < 0 || flying < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0 ||
            send_fd(pair[0], flying) != 0 || send_fd(pair[0], pair[0]) != 0 || send_fd(pair[1], pair[1]) != 0) {
            printf("refused: unlinked: %s\n", strerror(errno));
            return 1;
        }
        close(flying);
        close(pair[0]);
        close(pair[1]);
        if (fork() == 0) {
            detach();
            for (;;) pause();
        }
    } else if (!strcmp(what, "replace-exe")) {
        // The judge's executable stays in /box between cases while it is
        // the copy made: one put in its place must not be run by case 2.
        FILE *f;
        if (rename("/box/main", "/box/main.orig") != 0 || !(f = fopen("/box/main", "w"))) {
            printf("refused: replace-exe: %s\n", strerror(errno));
            return 1;
        }
        fputs("#!/bin/sh\necho LEAK the executable of an earlier case ran\nexec /box/main.orig \"$@\"\n", f);
        fclose(f);
        chmod("/box/main", 0755);
    } else if (!strcmp(what, "pids")) {
        int children = 0;
        for (;;) {
            pid_t pid = fork();
            if (pid < 0) break;
            if (pid == 0) { for (;;) pause(); }
            children++;
        }
        printf("forked %d children before fork failed\n", children);
    } else {
        printf("unknown plant %s\n", what);
        return 2;
    }
    printf("planted %s pid=%d\n", what, getpid());
    return 0;
}

static int check(void) {
    printf("pid=%d\n", getpid());
    fflush(stdout);
    // Give anything left of case 1 time to act on this case.
    nap_ms(400);
    DIR *proc = opendir("/proc");
    struct dirent *e;
    while (proc && (e = readdir(proc))) {
        int pid = atoi(e->d_name);
        if (pid <= 1 || pid == getpid()) continue;
        char path[64], comm[64] = "?";
        snprintf(path, sizeof path, "/proc/%d/comm", pid);
        FILE *f = fopen(path, "r");
        if (f) { if (!fgets(comm, sizeof comm, f)) comm[0] = 0; fclose(f); }
        printf("LEAK process %d (%s) of an earlier case\n", pid, strtok(comm, "\n"));
    }
    if (proc) closedir(proc);
    const char *paths[] = {"/box/planted", "/tmp/planted", "/dev/shm/planted", "/tmp/fifo", "/box/fifo",
                           "/box/daemon", "/tmp/attrs", "/box/deep", "/tmp/deep", "/box/many", "/tmp/many",
                           "/dev/shm/many", "/box/orig", "/box/linked", "/box/sub", "/box/main-linked",
                           "/tmp/orig", "/tmp/linked", "/box/main.orig"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        if (access(paths[i], F_OK) == 0) printf("LEAK %s exists\n", paths[i]);
    }
    // /box as new: the program's, mode 0755, no extended attribute.
    struct stat box;
    if (stat("/box", &box) != 0 || (box.st_mode & 07777) != 0755 || box.st_uid != getuid() || box.st_gid != getgid())
        printf("LEAK /box is mode %o owner %d:%d\n", box.st_mode & 07777, box.st_uid, box.st_gid);
    char names[256];
    ssize_t listed = listxattr("/box", names, sizeof names);
    if (listed > 0) printf("LEAK /box has extended attributes (%.*s)\n", (int)listed, names);
    // Every inode in use has a name: the root and its entries (in /box the
    // files copied in, all regular), nothing held open without a name.
    const char *roots[] = {"/box", "/tmp", "/dev/shm"};
    for (int i = 0; i < 3; i++) {
        long entries = 0;
        DIR *d = opendir(roots[i]);
        while (d && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) entries++;
        }
        if (d) closedir(d);
        struct statvfs fs;
        long used = statvfs(roots[i], &fs) == 0 ? (long)(fs.f_files - fs.f_ffree) : -1;
        if (used != 1 + entries) printf("LEAK %s has %ld inodes in use for %ld entries\n", roots[i], used, entries);
    }
    if (shmget(KEY, 0, 0) >= 0) printf("LEAK SysV shared memory\n");
    if (shmget(KEY + 1, 0, 0) >= 0) printf("LEAK SysV shared memory (big)\n");
    if (msgget(KEY, 0) >= 0) printf("LEAK SysV message queue\n");
    if (semget(KEY, 0, 0) >= 0) printf("LEAK SysV semaphore\n");
    if (mq_open("/oaj-planted", O_RDONLY) != (mqd_t)-1) printf("LEAK POSIX message queue\n");
    for (int i = 0; i < 4; i++) {
        pid_t pid = fork();
        if (pid < 0) { printf("LEAK fork fails: %s\n", strerror(errno)); break; }
        if (pid == 0) _exit(0);
        waitpid(pid, NULL, 0);
    }
    printf("check done\n");
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && !strcmp(argv[1], "plant")) return plant(argv[2]);
    if (argc == 2 && !strcmp(argv[1], "check")) return check();
    fprintf(stderr, "usage: main plant WHAT | main check\n");
    return 2;
}
