class Solution {
    private int[] parent, size;

    private int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];  // path halving
            x = parent[x];
        }
        return x;
    }

    public int[] networksAfterEach(int n, int[][] cables) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
        int networks = n;
        int[] answer = new int[cables.length];
        for (int i = 0; i < cables.length; i++) {
            int a = find(cables[i][0]), b = find(cables[i][1]);
            if (a != b) {
                if (size[a] < size[b]) { int t = a; a = b; b = t; }
                parent[b] = a;
                size[a] += size[b];
                networks--;
            }
            answer[i] = networks;
        }
        return answer;
    }
}
