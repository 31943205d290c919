// The brute force: counts every code's occurrences by scanning the whole
// log again, O(n^2) (10^10 comparisons when the unpaired code comes last).
class Solution {
public:
    int unpairedCode(vector<int>& scans) {
        for (int v : scans)
            if (count(scans.begin(), scans.end(), v) % 2 == 1) return v;
        return 0;
    }
};
