// Allocates 1 GiB in 16 MiB blocks and writes every byte, so the memory is
// really used (make() alone returns untouched zero pages).
package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	var blocks [][]byte
	for i := 0; i < 64; i++ {
		block := make([]byte, 16<<20)
		for j := range block {
			block[j] = byte(i + 1)
		}
		blocks = append(blocks, block)
	}
	var checksum int64
	for _, block := range blocks {
		checksum += int64(block[len(block)-1])
	}
	fmt.Println(a + b + checksum%2)
}
