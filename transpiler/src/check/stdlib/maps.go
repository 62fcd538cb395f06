// Package maps: generic functions over maps. (Go declares them over `M ~map[K]V`;
// these stubs take `map[K]V`, which the checker infers from directly.)
package maps

import "iter"

func Keys[K comparable, V any](m map[K]V) iter.Seq[K]
func Values[K comparable, V any](m map[K]V) iter.Seq[V]
func All[K comparable, V any](m map[K]V) iter.Seq2[K, V]
func Clone[K comparable, V any](m map[K]V) map[K]V
func Copy[K comparable, V any](dst, src map[K]V)
func Equal[K, V comparable](m1, m2 map[K]V) bool
func DeleteFunc[K comparable, V any](m map[K]V, del func(K, V) bool)
