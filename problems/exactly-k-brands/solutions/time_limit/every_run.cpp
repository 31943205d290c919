// Brute force: grows a set from every left end. O(n^2).
class Solution {
public:
    long long countRuns(vector<int>& brands, int k) {
        int n = brands.size();
        long long total = 0;
        for (int i = 0; i < n; i++) {
            unordered_set<int> seen;
            for (int j = i; j < n; j++) {
                seen.insert(brands[j]);
                if ((int)seen.size() == k) total++;
                else if ((int)seen.size() > k) break;
            }
        }
        return total;
    }
};
