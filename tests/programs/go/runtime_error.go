// Indexes past the end of a slice: panics, exit code 2.
package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	values := []int64{a, b}
	third := len(values)
	fmt.Println(values[0] + values[third])
}
