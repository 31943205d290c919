class Solution {
    public int fewestPackages(int[] sizes, int amount) {
        int[] best = new int[amount + 1];
        Arrays.fill(best, amount + 1);
        best[0] = 0;
        for (int a = 1; a <= amount; a++)
            for (int s : sizes)
                if (s <= a) best[a] = Math.min(best[a], best[a - s] + 1);
        return best[amount] > amount ? -1 : best[amount];
    }
}
