// Package sync: the runtime's goroutine-aware synchronization primitives.
package sync

type Locker interface {
	Lock()
	Unlock()
}

type WaitGroup struct{ _ int }

func (wg *WaitGroup) Add(delta int)
func (wg *WaitGroup) Done()

//go2rs:blocking
func (wg *WaitGroup) Wait()
func (wg *WaitGroup) Go(f func())

type Mutex struct{ _ int }

//go2rs:blocking
func (m *Mutex) Lock()
func (m *Mutex) Unlock()
func (m *Mutex) TryLock() bool

type RWMutex struct{ _ int }

//go2rs:blocking
func (rw *RWMutex) Lock()
func (rw *RWMutex) Unlock()

//go2rs:blocking
func (rw *RWMutex) RLock()
func (rw *RWMutex) RUnlock()
func (rw *RWMutex) TryLock() bool
func (rw *RWMutex) TryRLock() bool

// RLocker is left out: its Locker would have to dispatch to the runtime's read lock.

type Once struct{ _ int }

//go2rs:blocking
func (o *Once) Do(f func())

func OnceFunc(f func()) func()
func OnceValue[T any](f func() T) func() T
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2)

type Cond struct {
	L Locker
}

func NewCond(l Locker) *Cond

//go2rs:blocking
func (c *Cond) Wait()
func (c *Cond) Signal()
func (c *Cond) Broadcast()

type Map struct{ _ int }

func (m *Map) Load(key any) (value any, ok bool)
func (m *Map) Store(key, value any)
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool)
func (m *Map) LoadAndDelete(key any) (value any, loaded bool)
func (m *Map) Delete(key any)
func (m *Map) Swap(key, value any) (previous any, loaded bool)
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool)
func (m *Map) CompareAndDelete(key, old any) (deleted bool)
func (m *Map) Range(f func(key, value any) bool)
func (m *Map) Clear()
