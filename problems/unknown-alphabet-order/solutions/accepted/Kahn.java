class Solution {
    public String letterOrder(String[] words) {
        boolean[] used = new boolean[26];
        for (String w : words)
            for (int i = 0; i < w.length(); i++) used[w.charAt(i) - 'a'] = true;
        boolean[][] edge = new boolean[26][26];
        // Only neighbours matter: sortedness is transitive.
        for (int i = 0; i + 1 < words.length; i++) {
            String a = words[i], b = words[i + 1];
            int j = 0;
            while (j < a.length() && j < b.length() && a.charAt(j) == b.charAt(j)) j++;
            if (j < a.length() && j < b.length()) edge[a.charAt(j) - 'a'][b.charAt(j) - 'a'] = true;
            else if (a.length() > b.length()) return "";  // a word before its own prefix
        }
        int[] waiting = new int[26];
        for (int x = 0; x < 26; x++)
            for (int y = 0; y < 26; y++)
                if (edge[x][y]) waiting[y]++;
        StringBuilder order = new StringBuilder();
        int letters = 0;
        int[] queue = new int[26];
        int tail = 0;
        for (int x = 0; x < 26; x++) {
            if (used[x]) letters++;
            if (used[x] && waiting[x] == 0) queue[tail++] = x;
        }
        for (int head = 0; head < tail; head++) {
            int x = queue[head];
            order.append((char) ('a' + x));
            for (int y = 0; y < 26; y++)
                if (edge[x][y] && --waiting[y] == 0) queue[tail++] = y;
        }
        return order.length() == letters ? order.toString() : "";
    }
}
