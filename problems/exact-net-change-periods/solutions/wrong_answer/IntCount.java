// Bug: counts in an `int`, which wraps past 2^31 - 1 when almost every period
// matches (all zeros with target 0 has 5 * 10^9 periods).
class Solution {
    public long countPeriods(int[] changes, int target) {
        HashMap<Integer, Integer> seen = new HashMap<>();
        seen.put(0, 1);
        int total = 0, prefix = 0;
        for (int c : changes) {
            prefix += c;
            total += seen.getOrDefault(prefix - target, 0);
            seen.merge(prefix, 1, Integer::sum);
        }
        return total;
    }
}
