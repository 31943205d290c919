class Solution {
    public int[] sortArray(int[] nums) {
        PriorityQueue<Pair<Integer, Integer>> pq = new PriorityQueue<>((a, b) -> a.getKey().equals(b.getKey()) ? a.getValue() - b.getValue() : Integer.compare(a.getKey(), b.getKey()));
        for (int i = 0; i < nums.length; i++) {
            pq.offer(new Pair<>(nums[i], i));
        }
        int[] ans = new int[nums.length];
        int k = 0;
        while (!pq.isEmpty()) {
            ans[k++] = pq.poll().getKey();
        }
        return ans;
    }
}
