class Solution {
public:
    int unpairedCode(vector<int>& scans) {
        // x ^ x = 0: every code seen an even number of times cancels out.
        int acc = 0;
        for (int v : scans) acc ^= v;
        return acc;
    }
};
