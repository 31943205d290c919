// expect: TLE
// attack: before computing slowly, writes report lines for its case to the
// real stdout (descriptor 1, and a duplicate of it taken by a global
// constructor before the harness redirected it): the report format with a
// guessed nonce, and bare `ready`.
static int saved_stdout = dup(1);
static int calls = 0;

static long long cpu_ns() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

class Solution {
public:
    long long doubleIt(int x) {
        if (x == 0) return 0;
        int c = calls++;
        string lines = "ready\n" + string(32, '0') + " " + to_string(c) + " R " + to_string(2LL * x) + "\n";
        for (int fd : {1, saved_stdout}) (void) !write(fd, lines.data(), lines.size());
        // Twice the 300 ms limit of CPU, then the answer.
        long long end = cpu_ns() + 600000000LL, s = x;
        while (cpu_ns() < end) s = s * 6364136223846793005LL + 1;
        return 2LL * x + (s == 42);
    }
};
