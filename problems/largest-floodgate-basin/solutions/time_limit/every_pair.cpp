// Brute force: every pair of gates. O(n^2).
class Solution {
public:
    long long largestBasin(vector<int>& gates) {
        int n = gates.size();
        long long best = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                long long area = (long long)(j - i) * min(gates[i], gates[j]);
                if (area > best) best = area;
            }
        }
        return best;
    }
};
