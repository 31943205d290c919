// Right to left: jump along the answers already known instead of keeping a
// stack; each day is jumped over O(1) times amortised.
class Solution {
    public int[] daysUntilHigher(int[] readings) {
        int n = readings.length;
        int[] wait = new int[n];
        for (int i = n - 2; i >= 0; i--) {
            int j = i + 1;
            while (readings[j] <= readings[i] && wait[j] != 0) j += wait[j];
            wait[i] = readings[j] > readings[i] ? j - i : 0;
        }
        return wait;
    }
}
