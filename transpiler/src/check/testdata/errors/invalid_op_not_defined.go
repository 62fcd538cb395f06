package main

func main() {
	s := "a"
	b := true
	_ = s - s
	_ = !s
	_ = -b
}
