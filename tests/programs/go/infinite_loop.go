// Spins forever.
package main

import "fmt"

var spins uint64

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	for {
		spins++
	}
}
