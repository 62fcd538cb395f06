// Package sort: sorting slices.
package sort

func Ints(x []int)
func Strings(x []string)
func Float64s(x []float64)
func Slice(x any, less func(i, j int) bool)
func SliceStable(x any, less func(i, j int) bool)
func IntsAreSorted(x []int) bool
func StringsAreSorted(x []string) bool
func SearchInts(a []int, x int) int
func Search(n int, f func(int) bool) int
