import java.util.*;

class Solution {
    private int[][] next = new int[1 << 12][];
    private int[] word = new int[1 << 12], below = new int[1 << 12];
    private int nodes = 0;
    private char[][] grid;
    private String[] words;
    private final List<String> found = new ArrayList<>();
    private int rows, cols;

    private int newNode() {
        if (nodes == word.length) {
            next = Arrays.copyOf(next, nodes * 2);
            word = Arrays.copyOf(word, nodes * 2);
            below = Arrays.copyOf(below, nodes * 2);
        }
        next[nodes] = new int[26];
        Arrays.fill(next[nodes], -1);
        word[nodes] = -1;
        return nodes++;
    }

    // Returns how many words were found below node v through tile (r, c).
    private int walk(int r, int c, int v) {
        char ch = grid[r][c];
        int u = next[v][ch - 'a'];
        if (u < 0 || below[u] == 0) return 0;  // nothing left to find there
        int got = 0;
        if (word[u] >= 0) {
            found.add(words[word[u]]);
            word[u] = -1;
            got++;
        }
        grid[r][c] = '#';  // in use on the current path
        if (r > 0 && grid[r - 1][c] != '#') got += walk(r - 1, c, u);
        if (r + 1 < rows && grid[r + 1][c] != '#') got += walk(r + 1, c, u);
        if (c > 0 && grid[r][c - 1] != '#') got += walk(r, c - 1, u);
        if (c + 1 < cols && grid[r][c + 1] != '#') got += walk(r, c + 1, u);
        grid[r][c] = ch;
        below[u] -= got;
        return got;
    }

    public String[] findWords(String[] board, String[] ws) {
        words = ws;
        rows = board.length;
        cols = board[0].length();
        grid = new char[rows][];
        for (int r = 0; r < rows; r++) grid[r] = board[r].toCharArray();
        newNode();
        for (int i = 0; i < ws.length; i++) {
            int v = 0;
            below[0]++;
            for (int j = 0; j < ws[i].length(); j++) {
                int ch = ws[i].charAt(j) - 'a';
                if (next[v][ch] < 0) {
                    int u = newNode();
                    next[v][ch] = u;
                }
                v = next[v][ch];
                below[v]++;
            }
            word[v] = i;
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) walk(r, c, 0);
        Collections.sort(found);
        return found.toArray(new String[0]);
    }
}
