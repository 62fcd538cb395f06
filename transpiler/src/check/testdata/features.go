package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type Color int

const (
	Red Color = iota
	Green
	Blue
)

const big = 1 << 40

func (c Color) String() string { return [...]string{"R", "G", "B"}[c] }

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Named interface {
	Shape
	fmt.Stringer
}

type Point struct{ X, Y int }

type Rect struct {
	Point
	W, H float64
}

func (r Rect) Area() float64       { return r.W * r.H }
func (r *Rect) Perimeter() float64 { return 2 * (r.W + r.H) }
func (r *Rect) String() string     { return fmt.Sprintf("rect at %d,%d", r.X, r.Y) }

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

var counter = initCounter()
var base = 10

func initCounter() int { return base * 2 }

type MyErr struct{ msg string }

func (e *MyErr) Error() string { return e.msg }

func mayFail(n int) (res int, err error) {
	if n < 0 {
		return 0, &MyErr{"negative"}
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	res = n * 2
	return
}

func divmod(a, b int) (int, int) { return a / b, a % b }

func seq(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func init() { base++ }

func main() {
	var s Shape = &Rect{W: 2, H: 3}
	_ = s
	r := &Rect{Point{1, 2}, 3, 4}
	var n Named = r
	fmt.Println(n.Area(), n.Perimeter(), n, r.X, Blue, big)
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.5))
	strs := Map([]int{1, 2, 3}, func(i int) string { return strings.Repeat("x", i) })
	sort.Strings(strs)
	st := &Stack[string]{}
	st.Push("a")
	if v, ok := st.Pop(); ok {
		fmt.Println(v)
	}
	m := map[string][]Point{"a": {{1, 2}, {3, 4}}}
	m["b"] = append(m["b"], Point{5, 6})
	if pts, ok := m["a"]; ok {
		fmt.Println(len(pts), cap(pts))
	}
	delete(m, "a")
	for k, v := range m {
		fmt.Println(k, v)
	}
	fmt.Println(divmod(7, 2))
	q, rem := divmod(9, 4)
	fmt.Println(q + rem)
	var e error
	if _, err := mayFail(-1); err != nil {
		e = err
	}
	var me *MyErr
	if errors.As(e, &me) {
		fmt.Println("as", me.msg)
	}
	switch x := e.(type) {
	case *MyErr:
		fmt.Println("myerr", x.msg)
	case nil:
		fmt.Println("nil")
	default:
		fmt.Println(x)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var cnt atomic.Int32
	total := 0
	ch := make(chan int, 3)
	done := make(chan struct{})
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += i
			mu.Unlock()
			cnt.Add(1)
			ch <- i
		}()
	}
	go func() { wg.Wait(); close(ch); close(done) }()
outer:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break outer
			}
			_ = v
		case <-time.After(time.Second):
			break outer
		}
	}
	<-done
	for i := range seq(3) {
		if i == 1 {
			continue
		}
	}
	for i, c := range "héllo" {
		_, _ = i, c
	}
	arr := [5]int{1, 2, 3}
	sl := arr[1:3:4]
	bs := []byte("abc")
	bs = append(bs, "def"...)
	fmt.Println(string(bs), sl, len(arr), min(3, 1, 2), max(2.5, 1))
	var x uint8 = 255
	x++
	y := x << 2 >> 1
	fmt.Println(x, y, ^x, -7/2, -7%2, 1.5e3, 'a', "s"+"t")
	switch {
	case total > 100:
		fmt.Println("big")
		fallthrough
	case total > 0:
		fmt.Println("pos")
	default:
	}
	f := r.Area
	g := (*Rect).Perimeter
	fmt.Println(f(), g(r), counter, cnt.Load())
	var p *Point = new(Point)
	p.X = 3
	(*p).Y = 4
	fmt.Fprintln(os.Stderr, *p, time.Duration(1500)*time.Millisecond)
	i := 0
loop:
	if i < 3 {
		i++
		goto loop
	}
	type local struct{ a int }
	l := local{a: 1}
	l.a += 2
	fmt.Println(l)
	if len(os.Args) > 5 {
		os.Exit(3)
	}
}
