class Solution {
    public boolean canSplit(String query, String[] keywords) {
        Set<String> words = new HashSet<>(Arrays.asList(keywords));
        int longest = 0;
        for (String w : keywords) longest = Math.max(longest, w.length());
        int n = query.length();
        boolean[] ok = new boolean[n + 1];
        ok[0] = true;
        for (int i = 1; i <= n; i++)
            for (int j = Math.max(0, i - longest); j < i && !ok[i]; j++)
                if (ok[j] && words.contains(query.substring(j, i))) ok[i] = true;
        return ok[n];
    }
}
