class Solution {
    public long largestBasin(int[] gates) {
        int i = 0, j = gates.length - 1;
        long best = 0;
        while (i < j) {
            best = Math.max(best, (long) (j - i) * Math.min(gates[i], gates[j]));
            if (gates[i] < gates[j]) i++; else j--;
        }
        return best;
    }
}
