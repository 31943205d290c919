// Go refuses to compile a variable that is declared and never used.
package main

import "fmt"

func main() {
	var a, b int64
	fmt.Scan(&a, &b)
	unused := a * b
	fmt.Println(a + b)
}
