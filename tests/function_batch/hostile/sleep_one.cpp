// expect: TLE
// hidden: AC TLE AC
// attack: sleeps past the limit on one case (x = 5) and answers the others
// at once: only that case may be a TLE, in batch mode as per case.
class Solution {
public:
    long long doubleIt(int x) {
        if (x == 5) usleep(4000000);
        return 2LL * x;
    }
};
