// Bug: multiplies width and height as `int` and widens afterwards; a basin of
// 10^5 metres by 10^9 wraps around.
class Solution {
    public long largestBasin(int[] gates) {
        int i = 0, j = gates.length - 1;
        long best = 0;
        while (i < j) {
            best = Math.max(best, (j - i) * Math.min(gates[i], gates[j]));
            if (gates[i] < gates[j]) i++; else j--;
        }
        return best;
    }
}
