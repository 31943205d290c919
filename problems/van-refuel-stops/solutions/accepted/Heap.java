class Solution {
    public int fewestStops(int target, int startFuel, int[][] stations) {
        PriorityQueue<Integer> passed = new PriorityQueue<>(Collections.reverseOrder());
        long reach = startFuel;
        int stops = 0, i = 0;
        while (reach < target) {
            while (i < stations.length && stations[i][0] <= reach) passed.add(stations[i++][1]);
            if (passed.isEmpty()) return -1;
            reach += passed.poll();
            stops++;
        }
        return stops;
    }
}
