class Solution {
    public int longestDistinctRun(int[] codes) {
        HashMap<Integer, Integer> last = new HashMap<>();
        int left = 0, best = 0;
        for (int i = 0; i < codes.length; i++) {
            Integer prev = last.put(codes[i], i);
            if (prev != null && prev >= left) left = prev + 1;
            best = Math.max(best, i - left + 1);
        }
        return best;
    }
}
