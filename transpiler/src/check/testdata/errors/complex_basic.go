package main

func main() {
	c := complex(1, 2)
	var s string = real(c)
	_ = s
}
