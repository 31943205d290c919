// expect: TLE
// attack: through reflection, rewrites every static field of the harness's
// class Main (a flag that a watchdog reads becomes false, a start time
// becomes now, counters become 0), tries to read the nonce out of
// System.in's buffer, interrupts and stops every thread the harness may
// have started, then computes slowly.
class Solution {
    public long doubleIt(int x) {
        if (x == 0) return 0;
        for (java.lang.reflect.Field f : Main.class.getDeclaredFields()) {
            try {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                Class<?> t = f.getType();
                if (t == boolean.class) f.setBoolean(null, false);
                else if (t == long.class) f.setLong(null, System.nanoTime());
                else if (t == int.class) f.setInt(null, 0);
            } catch (Throwable e) {
            }
        }
        try {
            java.lang.reflect.Field buf = java.io.BufferedInputStream.class.getDeclaredField("buf");
            buf.setAccessible(true);
            String seen = new String((byte[]) buf.get(System.in));
            String nonce = seen.split(" ")[0];
            try (java.io.FileOutputStream out = new java.io.FileOutputStream("/proc/self/fd/3", true)) {
                out.write((nonce + " 0 R " + (2L * x) + "\n").getBytes());
            }
        } catch (Throwable e) {
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || !t.getName().startsWith("Thread-")) continue;
            t.interrupt();
            try {
                t.stop();
            } catch (Throwable e) {
            }
        }
        return Slow.compute(x);
    }
}

class Slow {
    static long compute(int x) {
        long s = x;
        for (long i = 0; i < 50_000_000_000L; i++) s = s * 6364136223846793005L + 1442695040888963407L;
        return 2L * x + (s == 42 ? 1 : 0);
    }
}
