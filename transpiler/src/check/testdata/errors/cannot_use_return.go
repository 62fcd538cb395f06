package main

func f() string {
	return 1.5
}

func main() { _ = f() }
