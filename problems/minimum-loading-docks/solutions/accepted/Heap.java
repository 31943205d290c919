class Solution {
    public int minDocks(int[][] visits) {
        Arrays.sort(visits, (a, b) -> Integer.compare(a[0], b[0]));
        PriorityQueue<Integer> busyUntil = new PriorityQueue<>();
        for (int[] v : visits) {
            // The dock freed first can take this truck if it is free by now.
            if (!busyUntil.isEmpty() && busyUntil.peek() <= v[0]) busyUntil.poll();
            busyUntil.add(v[1]);
        }
        return busyUntil.size();
    }
}
