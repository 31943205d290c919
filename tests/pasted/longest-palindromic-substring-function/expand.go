func longestPalindrome(s string) string {
    start, end := 0, 0
    for i := range s {
        l := max(expand(s, i, i), expand(s, i, i+1))
        if l > end-start+1 {
            start = i - (l-1)/2
            end = i + l/2
        }
    }
    return s[start : end+1]
}

func expand(s string, l, r int) int {
    for l >= 0 && r < len(s) && s[l] == s[r] {
        l--
        r++
    }
    return min(r-l-1, len(s))
}
