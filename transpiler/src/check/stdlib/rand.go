// Package rand (math/rand): the top-level pseudo-random functions.
package rand

func Intn(n int) int
func Int63n(n int64) int64
func Int31n(n int32) int32
func Int() int
func Int63() int64
func Int31() int32
func Uint32() uint32
func Uint64() uint64
func Float64() float64
func Float32() float32
func Perm(n int) []int
func Shuffle(n int, swap func(i, j int))
func Seed(seed int64)
