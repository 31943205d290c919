// expect: AC
// attack: corrupts its own static state on the first hidden call, so every
// later call in the same process answers 2x + 1. One process per case
// answers every case right; batch mode must too (a failing case reruns
// alone), never charge the batch's shared process to a case.
static bool used = false;

class Solution {
public:
    long long doubleIt(int x) {
        if (used) return 2LL * x + 1;
        used = x != 0;
        return 2LL * x;
    }
};
