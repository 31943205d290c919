// expect: RE
// sample: RE
// attack: points descriptor 3 (the batch's report pipe) at stdout and
// closes it, then answers honestly. Nothing reported counts, so every case
// runs alone; and alone, descriptor 3 is where the one-case harness saved
// its stdout, so the result is lost there too: RE both ways, never a
// verdict from the broken channel.
class Solution {
public:
    long long doubleIt(int x) {
        dup2(1, 3);
        close(3);
        return 2LL * x;
    }
};
