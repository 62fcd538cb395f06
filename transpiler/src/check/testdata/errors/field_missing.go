package main

type T struct{ a int }

func main() {
	var t T
	_ = t.b
	t.m()
}
