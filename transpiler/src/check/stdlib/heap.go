// Package heap: heap operations over any type implementing heap.Interface.
package heap

import "sort"

// Interface is implemented by program types; the heap functions call the methods
// through the generated dispatch functions.
type Interface interface {
	sort.Interface
	Push(x any)
	Pop() any
}

func Init(h Interface)
func Push(h Interface, x any)
func Pop(h Interface) any
func Remove(h Interface, i int) any
func Fix(h Interface, i int)
