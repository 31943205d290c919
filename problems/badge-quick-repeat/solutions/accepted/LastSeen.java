class Solution {
    public int firstQuickRepeat(int[] badges, int k) {
        HashMap<Integer, Integer> last = new HashMap<>();
        for (int j = 0; j < badges.length; j++) {
            Integer i = last.put(badges[j], j);
            if (i != null && j - i <= k) return j;
        }
        return -1;
    }
}
