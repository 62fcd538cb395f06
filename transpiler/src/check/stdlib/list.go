// Package list: a doubly linked list of any values.
package list

// Element is an element of a linked list; Value is the program's.
type Element struct {
	Value any
}

func (e *Element) Next() *Element
func (e *Element) Prev() *Element

// List is a doubly linked list; the zero value is an empty list.
type List struct{ _ int }

func New() *List

func (l *List) Init() *List
func (l *List) Len() int
func (l *List) Front() *Element
func (l *List) Back() *Element
func (l *List) Remove(e *Element) any
func (l *List) PushFront(v any) *Element
func (l *List) PushBack(v any) *Element
func (l *List) InsertBefore(v any, mark *Element) *Element
func (l *List) InsertAfter(v any, mark *Element) *Element
func (l *List) MoveToFront(e *Element)
func (l *List) MoveToBack(e *Element)
func (l *List) MoveBefore(e, mark *Element)
func (l *List) MoveAfter(e, mark *Element)
func (l *List) PushBackList(other *List)
func (l *List) PushFrontList(other *List)
