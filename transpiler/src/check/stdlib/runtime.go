// Package runtime: scheduler controls.
package runtime

func GOMAXPROCS(n int) int
func NumCPU() int
func NumGoroutine() int

//go2rs:blocking
func Gosched()
func GC()

type Error interface {
	error
	RuntimeError()
}
