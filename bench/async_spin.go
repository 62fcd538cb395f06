// async_spin: two CPU-bound goroutines under GOMAXPROCS(1). The inner loop has no calls,
// but it sits in a function that blocks (a channel send), so it is async code with a
// preemption check at every back-edge: this measures what that check costs.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func spin(id int, order chan<- int, results []uint64, wg *sync.WaitGroup) {
	defer wg.Done()
	x := uint64(id)
	for r := 0; r < 10; r++ {
		for i := 0; i < 20_000_000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		order <- id
	}
	results[id] = x
}

func main() {
	runtime.GOMAXPROCS(1)
	order := make(chan int, 20)
	results := make([]uint64, 3)
	var wg sync.WaitGroup
	for id := 1; id <= 2; id++ {
		wg.Add(1)
		go spin(id, order, results, &wg)
	}
	wg.Wait()
	close(order)
	counts := map[int]int{}
	for id := range order {
		counts[id]++
	}
	fmt.Println("rounds:", counts[1], counts[2])
	fmt.Println("x:", results[1], results[2])
}
