// a+b with 64-bit arithmetic: the sum can exceed 32 bits.
package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	fmt.Println(a + b)
}
