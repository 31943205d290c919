func doubleIt(x int) int64 {
	fmt.Println("debug", x)
	if x == 7 {
		return 0
	}
	if x == 13 {
		panic(fmt.Sprintf("unlucky %d", x))
	}
	if x == 99 {
		spin := 0
		for spin >= 0 {
			spin = (spin + 1) % 1000
		}
	}
	return 2 * int64(x)
}
