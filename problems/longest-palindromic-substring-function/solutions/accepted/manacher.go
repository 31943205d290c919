func longestPalindrome(s string) string {
	t := make([]byte, 0, 2*len(s)+3)
	t = append(t, '^', '#')
	for i := 0; i < len(s); i++ {
		t = append(t, s[i], '#')
	}
	t = append(t, '$')
	p := make([]int, len(t))
	centre, right := 0, 0
	for i := 1; i < len(t)-1; i++ {
		if i < right {
			p[i] = p[2*centre-i]
			if right-i < p[i] {
				p[i] = right - i
			}
		}
		for t[i+p[i]+1] == t[i-p[i]-1] {
			p[i]++
		}
		if i+p[i] > right {
			centre, right = i, i+p[i]
		}
	}
	bestLen, bestStart := 0, 0
	for i := 1; i < len(t)-1; i++ {
		start := (i - p[i]) / 2
		if p[i] > bestLen || (p[i] == bestLen && start < bestStart) {
			bestLen, bestStart = p[i], start
		}
	}
	return s[bestStart : bestStart+bestLen]
}
