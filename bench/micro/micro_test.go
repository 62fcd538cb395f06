// Go's side of the runtime microbenchmarks: the operations of
// runtime/benches/runtime.rs, run by `cargo xtask microbench` with `go test -bench`.
package micro

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func BenchmarkSpawn(b *testing.B) {
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		go func() { wg.Done() }()
	}
	wg.Wait()
}

func pingPong(b *testing.B, capacity int) {
	ping, pong := make(chan int, capacity), make(chan int, capacity)
	go func() {
		for i := 0; i < b.N; i++ {
			pong <- 1 + <-ping
		}
	}()
	v := 0
	for i := 0; i < b.N; i++ {
		ping <- v
		v = <-pong
	}
	if v != b.N {
		b.Fatal("wrong count")
	}
}

func BenchmarkChanUnbufferedRoundtrip(b *testing.B) { pingPong(b, 0) }

func BenchmarkChanBufferedRoundtrip(b *testing.B) { pingPong(b, 1) }

func BenchmarkChanBufferedStream(b *testing.B) {
	c := make(chan int, 128)
	go func() {
		for i := 0; i < b.N; i++ {
			c <- i
		}
	}()
	sum := 0
	for i := 0; i < b.N; i++ {
		sum += <-c
	}
	if sum != b.N*(b.N-1)/2 {
		b.Fatal("wrong sum")
	}
}

func BenchmarkSelect2(b *testing.B) {
	x, y := make(chan int, 128), make(chan int, 128)
	go func() {
		for i := 0; i < b.N; i++ {
			if i%2 == 0 {
				x <- i
			} else {
				y <- i
			}
		}
	}()
	got := 0
	for i := 0; i < b.N; i++ {
		select {
		case v := <-x:
			got += v
		case v := <-y:
			got += v
		}
	}
	if got != b.N*(b.N-1)/2 {
		b.Fatal("wrong sum")
	}
}

func BenchmarkMutexUncontended(b *testing.B) {
	var m sync.Mutex
	for i := 0; i < b.N; i++ {
		m.Lock()
		m.Unlock()
	}
}

func BenchmarkMutexContended(b *testing.B) {
	var m sync.Mutex
	var wg sync.WaitGroup
	var counter atomic.Int64
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < b.N/4; i++ {
				m.Lock()
				counter.Store(counter.Load() + 1)
				m.Unlock()
			}
		}()
	}
	wg.Wait()
}

func BenchmarkWaitgroup(b *testing.B) {
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		wg.Done()
	}
	wg.Wait()
}

func BenchmarkTimerCreate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t := time.NewTimer(time.Hour)
		t.Stop()
	}
}
