class Solution {
    private int[] ws;
    private final List<List<Integer>> out = new ArrayList<>();
    private final Deque<Integer> chosen = new ArrayDeque<>();

    private void go(int start, int left) {
        if (left == 0) {
            out.add(new ArrayList<>(chosen));
            return;
        }
        for (int i = start; i < ws.length && ws[i] <= left; i++) {
            chosen.addLast(ws[i]);
            go(i, left - ws[i]);
            chosen.removeLast();
        }
    }

    public int[][] loadCombinations(int[] weights, int target) {
        ws = weights.clone();
        Arrays.sort(ws);
        go(0, target);
        int[][] result = new int[out.size()][];
        for (int k = 0; k < out.size(); k++) result[k] = out.get(k).stream().mapToInt(Integer::intValue).toArray();
        return result;
    }
}
