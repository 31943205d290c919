// expect: TLE
// sample: TLE
// attack: precomputes for twice the limit in a global constructor, before
// the harness's main runs, so every call is instant and a batch would pay
// the precomputation once.
static long long cpu_ns() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long slow() {
    long long end = cpu_ns() + 600000000LL, s = 1;
    while (cpu_ns() < end) s = s * 6364136223846793005LL + 1;
    return s;
}

static long long table_value = slow();

class Solution {
public:
    long long doubleIt(int x) {
        return 2LL * x + (table_value == 42);
    }
};
