class Solution {
    public int minSlots(String jobs, int cooldown) {
        int[] counts = new int[26];
        for (int i = 0; i < jobs.length(); i++) counts[jobs.charAt(i) - 'A']++;
        int top = 0, ties = 0;
        for (int c : counts) top = Math.max(top, c);
        for (int c : counts) if (c == top) ties++;
        // (top - 1) full frames plus the last frame of tied types, unless the
        // other jobs overflow the frames and no slot is ever idle.
        long framed = (long) (top - 1) * (cooldown + 1) + ties;
        return (int) Math.max(jobs.length(), framed);
    }
}
