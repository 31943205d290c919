class Solution {
public:
    long long doubleIt(int x) {
        printf("debug %d\n", x);
        if (x == 7) return 0;
        if (x == 13) throw std::invalid_argument("unlucky " + to_string(x));
        if (x == 99) { volatile long long spin = 0; while (spin >= 0) spin = (spin + 1) % 1000; }
        return 2LL * x;
    }
};
