// A LinkedHashMap in access order is a hash map threaded on a doubly linked
// list; removeEldestEntry evicts the least recently used entry.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringTokenizer;

public class Main {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer header = new StringTokenizer(in.readLine());
        final int cap = Integer.parseInt(header.nextToken());
        int q = Integer.parseInt(header.nextToken());
        LinkedHashMap<Long, Long> cache = new LinkedHashMap<Long, Long>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > cap;
            }
        };
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < q; i++) {
            StringTokenizer t = new StringTokenizer(in.readLine());
            String op = t.nextToken();
            long k = Long.parseLong(t.nextToken());
            if (op.equals("get")) {
                Long v = cache.get(k);  // a hit moves k to the most recent end
                out.append(v == null ? -1 : v).append('\n');
            } else {
                cache.put(k, Long.parseLong(t.nextToken()));
            }
        }
        System.out.print(out);
    }
}
