// Sort (amount, position), then walk two pointers over the amounts. Every
// pair of amounts {v, gap - v} is met once; its best pair of positions uses
// the first position of each amount (two first positions when v == gap - v).
// Among the candidates the smallest j, then the smallest i, wins.
class Solution {
public:
    vector<int> matchingPair(vector<int>& entries, int gap) {
        int n = entries.size();
        vector<pair<long long, int>> byAmount(n);
        for (int k = 0; k < n; k++) byAmount[k] = {entries[k], k};
        sort(byAmount.begin(), byAmount.end());
        pair<int, int> best = {INT_MAX, INT_MAX};  // (j, i)
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            long long sum = byAmount[lo].first + byAmount[hi].first;
            if (sum < gap) { lo++; continue; }
            if (sum > gap) { hi--; continue; }
            long long v = byAmount[lo].first, w = byAmount[hi].first;
            if (v == w) {
                // lo is the first position of v; the next one is right after it.
                int i = byAmount[lo].second, j = byAmount[lo + 1].second;
                best = min(best, {j, i});
                break;
            }
            int a = byAmount[lo].second, b = byAmount[hi].second;
            // hi points at the last position of w; move to its first one.
            int firstW = hi;
            while (firstW > lo && byAmount[firstW - 1].first == w) firstW--;
            b = byAmount[firstW].second;
            best = min(best, {max(a, b), min(a, b)});
            while (lo < hi && byAmount[lo].first == v) lo++;
            hi = firstW - 1;
        }
        if (best.first == INT_MAX) return {-1, -1};
        return {best.second, best.first};
    }
};
