class Solution {
    public int[] survivingShuttles(int[] shuttles) {
        int[] rail = new int[shuttles.length];
        int size = 0;
        for (int s : shuttles) {
            boolean alive = true;
            while (alive && s < 0 && size > 0 && rail[size - 1] > 0) {
                if (rail[size - 1] < -s) size--;
                else {
                    if (rail[size - 1] == -s) size--;
                    alive = false;
                }
            }
            if (alive) rail[size++] = s;
        }
        return Arrays.copyOf(rail, size);
    }
}
