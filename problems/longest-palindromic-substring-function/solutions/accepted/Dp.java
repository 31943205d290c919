class Solution {
    public String longestPalindrome(String s) {
        int n = s.length();
        // pal[i] after processing length L: whether s[i..i+L) is a palindrome.
        boolean[] prev2 = new boolean[n + 1], prev1 = new boolean[n + 1];
        Arrays.fill(prev2, true);
        Arrays.fill(prev1, true);
        int bestStart = 0, bestLen = 1;
        for (int len = 2; len <= n; len++) {
            boolean[] cur = new boolean[n + 1];
            for (int i = 0; i + len <= n; i++) {
                cur[i] = s.charAt(i) == s.charAt(i + len - 1) && prev2[i + 1];
                if (cur[i] && len > bestLen) {
                    bestLen = len;
                    bestStart = i;
                }
            }
            prev2 = prev1;
            prev1 = cur;
        }
        return s.substring(bestStart, bestStart + bestLen);
    }
}
