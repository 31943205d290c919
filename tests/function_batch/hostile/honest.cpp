// expect: AC
// attack: none; the control: an honest solution is accepted in batch mode.
class Solution {
public:
    long long doubleIt(int x) {
        return 2LL * x;
    }
};
