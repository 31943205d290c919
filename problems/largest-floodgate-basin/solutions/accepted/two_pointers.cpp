class Solution {
public:
    long long largestBasin(vector<int>& gates) {
        int i = 0, j = gates.size() - 1;
        long long best = 0;
        while (i < j) {
            best = max(best, (long long)(j - i) * min(gates[i], gates[j]));
            if (gates[i] < gates[j]) i++; else j--;
        }
        return best;
    }
};
