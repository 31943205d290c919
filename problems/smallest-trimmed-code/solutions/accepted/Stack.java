class Solution {
    public String smallestCode(String code, int k) {
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            char d = code.charAt(i);
            while (k > 0 && kept.length() > 0 && kept.charAt(kept.length() - 1) > d) {
                kept.setLength(kept.length() - 1);
                k--;
            }
            kept.append(d);
        }
        kept.setLength(kept.length() - k);
        int first = 0;
        while (first < kept.length() && kept.charAt(first) == '0') first++;
        return first == kept.length() ? "0" : kept.substring(first);
    }
}
