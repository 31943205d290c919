class Solution {
    public int[] matchingPair(int[] entries, int gap) {
        HashMap<Long, Integer> first = new HashMap<>();  // amount -> first position
        for (int j = 0; j < entries.length; j++) {
            Integer i = first.get((long) gap - entries[j]);
            if (i != null) return new int[] {i, j};
            first.putIfAbsent((long) entries[j], j);
        }
        return new int[] {-1, -1};
    }
}
