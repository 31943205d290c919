// expect: TLE
// attack: before computing slowly, writes result lines for its case to the
// real stdout (FileDescriptor.out, past the harness's System.setOut): the
// old batch format (`S <ns>`, `R <case> <ns> <json>`) and the report format
// with a guessed nonce.
class Solution {
    static int calls = 0;

    public long doubleIt(int x) {
        if (x == 0) return 0;
        int c = calls++;
        String lines = "S 0\nR " + c + " 0 " + (2L * x) + "\n" + "0".repeat(32) + " " + c + " R " + (2L * x) + "\nready\n";
        try {
            java.io.FileOutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            out.write(lines.getBytes());
            out.flush();
        } catch (java.io.IOException e) {
        }
        return Slow.compute(x);
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
