package main

import "fmt"

func main() {
	b := int(1.5)
	c := float32(1e39)
	f := int8(-129)
	g := uint8(255) + 1
	const fl float64 = 1.5
	h := int(fl)
	var u8 uint8 = 1
	d := u8 + 256
	var x int = 3
	l := x + 1.5
	var f32 float32 = 2
	n := f32 * 1e39
	o := 1 << 2000
	const k int8 = 100
	p := k * 2
	fmt.Println(b, c, f, g, h, d, l, n, o, p)
}
