package main

func main() {
	s := uint(9)
	var u uint8 = 1 << s
	var v uint8 = 1<<s + 300
	_, _ = u, v
}
