package main

func main() {
	s := uint(2)
	var f float64 = 1 << s
	_ = f
}
