class Solution {
    public int[] shortestPickingRun(int[] shelf, int[] order) {
        HashMap<Integer, Integer> need = new HashMap<>();
        for (int code : order) need.merge(code, 1, Integer::sum);
        long missing = order.length;
        int bestL = -1, bestR = -1, left = 0;
        for (int right = 0; right < shelf.length; right++) {
            // Codes not in the order go negative and never count as missing.
            if (need.merge(shelf[right], -1, Integer::sum) >= 0) missing--;
            while (missing == 0) {
                if (bestL < 0 || right - left < bestR - bestL) { bestL = left; bestR = right; }
                if (need.merge(shelf[left], 1, Integer::sum) > 0) missing++;
                left++;
            }
        }
        return new int[] {bestL, bestR};
    }
}
