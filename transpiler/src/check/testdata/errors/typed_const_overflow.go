package main

const c int8 = 100

func main() {
	var x int8 = c * 2
	_ = x
}
