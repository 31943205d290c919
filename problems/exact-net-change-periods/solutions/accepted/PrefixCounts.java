class Solution {
    public long countPeriods(int[] changes, int target) {
        HashMap<Long, Integer> seen = new HashMap<>();
        seen.put(0L, 1);
        long total = 0, prefix = 0;
        for (int c : changes) {
            prefix += c;
            total += seen.getOrDefault(prefix - target, 0);
            seen.merge(prefix, 1, Integer::sum);
        }
        return total;
    }
}
