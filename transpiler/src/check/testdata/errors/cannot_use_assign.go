package main

func main() {
	var f float64
	var i int = 2
	f = i
	_ = f
}
