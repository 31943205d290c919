// A set holding exactly the badges of the last k swipes.
class Solution {
public:
    int firstQuickRepeat(vector<int>& badges, int k) {
        unordered_set<int> window;
        for (int j = 0; j < (int)badges.size(); j++) {
            if (window.count(badges[j])) return j;
            window.insert(badges[j]);
            if (j - k >= 0) window.erase(badges[j - k]);
        }
        return -1;
    }
};
