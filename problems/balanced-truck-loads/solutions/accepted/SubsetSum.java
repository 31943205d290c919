class Solution {
    public boolean canBalance(int[] crates) {
        int total = 0;
        for (int w : crates) total += w;
        if (total % 2 != 0) return false;
        int half = total / 2;
        boolean[] can = new boolean[half + 1];
        can[0] = true;
        for (int w : crates)
            for (int s = half; s >= w; s--)
                if (can[s - w]) can[s] = true;
        return can[half];
    }
}
