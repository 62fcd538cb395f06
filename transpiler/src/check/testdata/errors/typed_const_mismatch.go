package main

const c int = 1

func main() {
	var s string = c
	_ = s
}
