class Solution {
public:
    vector<int> survivingShuttles(vector<int>& shuttles) {
        vector<int> rail;
        for (int s : shuttles) {
            bool alive = true;
            while (alive && s < 0 && !rail.empty() && rail.back() > 0) {
                if (rail.back() < -s) rail.pop_back();
                else {
                    if (rail.back() == -s) rail.pop_back();
                    alive = false;
                }
            }
            if (alive) rail.push_back(s);
        }
        return rail;
    }
};
