// Resolves one collision at a time: finds the first east-bound shuttle
// directly followed by a west-bound one, scanning from the west end each
// time. O(n^2) when the collisions happen far from the west end.
class Solution {
public:
    vector<int> survivingShuttles(vector<int>& shuttles) {
        vector<int> rail = shuttles;
        while (true) {
            size_t i = 0;
            while (i + 1 < rail.size() && !(rail[i] > 0 && rail[i + 1] < 0)) i++;
            if (i + 1 >= rail.size()) return rail;
            int a = rail[i], b = -rail[i + 1];
            if (a < b) rail.erase(rail.begin() + i);
            else if (a > b) rail.erase(rail.begin() + i + 1);
            else rail.erase(rail.begin() + i, rail.begin() + i + 2);
        }
    }
};
