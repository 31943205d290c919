// expect: TLE
// attack: before computing slowly, writes forged result lines for its case
// to every descriptor from 3 to 63 (the report pipe among them): the report
// format with guessed nonces, and bare `ready`.
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
        string v = to_string(2LL * x);
        string lines = string(32, '0') + " " + to_string(c) + " R " + v + "\n" + string(32, 'f') + " ready\n" + to_string(c) + " R " + v + "\nready\n";
        for (int fd = 3; fd < 64; fd++) (void) !write(fd, lines.data(), lines.size());
        // Twice the 300 ms limit of CPU, then the answer.
        long long end = cpu_ns() + 600000000LL, s = x;
        while (cpu_ns() < end) s = s * 6364136223846793005LL + 1;
        return 2LL * x + (s == 42);
    }
};
