// Package slices: generic functions over slices of any element type.
// (Go declares them over `S ~[]E`; these stubs take `[]E`, which the checker infers
// from directly.)
package slices

import (
	"cmp"
	"iter"
)

func Contains[E comparable](s []E, v E) bool
func Index[E comparable](s []E, v E) int
func IndexFunc[E any](s []E, f func(E) bool) int
func ContainsFunc[E any](s []E, f func(E) bool) bool
func Equal[E comparable](s1, s2 []E) bool
func Sort[E cmp.Ordered](x []E)
func SortFunc[E any](x []E, cmp func(a, b E) int)
func SortStableFunc[E any](x []E, cmp func(a, b E) int)
func IsSorted[E cmp.Ordered](x []E) bool
func BinarySearch[E cmp.Ordered](x []E, target E) (int, bool)
func Reverse[E any](s []E)
func Max[E cmp.Ordered](x []E) E
func Min[E cmp.Ordered](x []E) E
func Insert[E any](s []E, i int, v ...E) []E
func Delete[E any](s []E, i, j int) []E
func Clone[E any](s []E) []E
func Compact[E comparable](s []E) []E
func Collect[E any](seq iter.Seq[E]) []E
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E
func Values[E any](s []E) iter.Seq[E]
