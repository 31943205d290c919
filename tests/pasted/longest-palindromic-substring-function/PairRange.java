import javafx.util.Pair;

class Solution {
    public String longestPalindrome(String s) {
        Pair<Integer, Integer> best = new Pair<>(0, 1);
        for (int c = 0; c < 2 * s.length() - 1; c++) {
            int l = c / 2, r = (c + 1) / 2;
            while (l >= 0 && r < s.length() && s.charAt(l) == s.charAt(r)) {
                l--;
                r++;
            }
            if (r - l - 1 >= best.getValue()) {
                best = new Pair<>(l + 1, r - l - 1);
            }
        }
        return s.substring(best.getKey(), best.getKey() + best.getValue());
    }
}
