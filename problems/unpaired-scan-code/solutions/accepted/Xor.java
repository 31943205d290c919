class Solution {
    public int unpairedCode(int[] scans) {
        int acc = 0;
        for (int v : scans) acc ^= v;
        return acc;
    }
}
