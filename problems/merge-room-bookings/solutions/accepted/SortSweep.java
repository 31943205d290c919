class Solution {
    public int[][] mergeBookings(int[][] bookings) {
        Arrays.sort(bookings, (a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> blocks = new ArrayList<>();
        for (int[] b : bookings) {
            if (!blocks.isEmpty() && b[0] <= blocks.get(blocks.size() - 1)[1]) {
                int[] last = blocks.get(blocks.size() - 1);
                last[1] = Math.max(last[1], b[1]);
            } else {
                blocks.add(new int[] {b[0], b[1]});
            }
        }
        return blocks.toArray(new int[0][]);
    }
}
