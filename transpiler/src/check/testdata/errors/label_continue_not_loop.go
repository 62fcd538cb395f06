package main

func main() {
L:
	if true {
		continue L
	}
}
