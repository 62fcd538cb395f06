// gomaxprocs_scaling: two CPU-bound goroutines that never block in their hot loop. Each
// runs 10 chunks of work and sends its id after every chunk, so the completion order
// shows whether they interleave. With GOMAXPROCS=1 the wall time should be about twice
// that with GOMAXPROCS=2 on a machine with two free cores, and the order should
// alternate in runs (time-slice preemption) rather than finish one goroutine first.
//
// The proc count comes from the first argument, else from the GOMAXPROCS environment
// variable (read by the runtime at startup). `cargo xtask bench` runs it with 1 and 2.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

const chunks = 10
const chunkIters = 20_000_000

func worker(id int, order chan<- int, results []uint64, wg *sync.WaitGroup) {
	defer wg.Done()
	x := uint64(id)
	for c := 0; c < chunks; c++ {
		for i := 0; i < chunkIters; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		order <- id
	}
	results[id] = x
}

func main() {
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 {
			fmt.Println("usage: gomaxprocs_scaling [PROCS]")
			os.Exit(2)
		}
		runtime.GOMAXPROCS(n)
	}
	order := make(chan int, 2*chunks)
	results := make([]uint64, 3)
	var wg sync.WaitGroup
	for id := 1; id <= 2; id++ {
		wg.Add(1)
		go worker(id, order, results, &wg)
	}
	wg.Wait()
	close(order)
	var sb strings.Builder
	for id := range order {
		sb.WriteString(strconv.Itoa(id))
	}
	fmt.Println("procs:", runtime.GOMAXPROCS(0))
	fmt.Println("order:", sb.String())
	fmt.Println("x:", results[1], results[2])
}
