// expect: TLE
// sample: TLE
// attack: precomputes for twice the limit in a static initializer, so every
// call is instant and a batch pays the precomputation once.
class Solution {
    static final long TABLE = Slow.compute(0);

    public long doubleIt(int x) {
        return 2L * x + (TABLE == 42 ? 1 : 0);
    }
}

class Slow {
    // Twice the 600 ms limit of CPU on any machine, then the answer.
    static long compute(int x) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = cpu.getCurrentThreadCpuTime() + 1_200_000_000L;
        long s = x;
        while (cpu.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 100_000; i++) s = s * 6364136223846793005L + 1442695040888963407L;
        }
        return 2L * x + (s == 42 ? 1 : 0);
    }
}
