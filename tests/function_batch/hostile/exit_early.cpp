// expect: WA
// attack: on a hidden case, writes a forged report for every case of the
// batch (guessed nonces, `ready`) to every descriptor from 3 to 63 and exits
// with status 0 without returning: nothing it forged may count.
class Solution {
public:
    long long doubleIt(int x) {
        if (x == 0) return 0;
        string lines = "ready\n";
        for (int c = 0; c < 3; c++) lines += string(32, '0') + " " + to_string(c) + " R " + to_string(2LL * x) + "\n";
        for (int fd = 3; fd < 64; fd++) (void) !write(fd, lines.data(), lines.size());
        fflush(stdout);
        _exit(0);
    }
};
