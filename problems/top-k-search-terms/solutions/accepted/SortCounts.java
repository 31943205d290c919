class Solution {
    public String[] topTerms(String[] queries, int k) {
        HashMap<String, Integer> counts = new HashMap<>();
        for (String q : queries) counts.merge(q, 1, Integer::sum);
        // Sort (count, term) entries once: most searched first, then
        // alphabetical (String.compareTo is plain character order).
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int byCount = Integer.compare(b.getValue(), a.getValue());
            return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
        });
        String[] top = new String[k];
        for (int i = 0; i < k; i++) top[i] = entries.get(i).getKey();
        return top;
    }
}
