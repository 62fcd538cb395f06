// Package iter: the iterator function types that range-over-func loops consume.
package iter

type Seq[V any] func(yield func(V) bool)
type Seq2[K, V any] func(yield func(K, V) bool)
