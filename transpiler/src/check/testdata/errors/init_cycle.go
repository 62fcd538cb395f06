package main

var a = b
var b = c
var c = a

func main() {}
