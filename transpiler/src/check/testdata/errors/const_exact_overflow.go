package main

import "fmt"

const big = 1 << 500

func main() {
	var a float64 = 1e400
	var c int = 1.5
	var e float32 = 1e39
	var f int = 1234567.5
	var g = big
	const y float64 = 1e308
	i := y * 10
	j := 1 << 63
	const m = 1 << 600
	const n = big * big
	fmt.Println(a, c, e, f, g, i, j, m, n)
}
