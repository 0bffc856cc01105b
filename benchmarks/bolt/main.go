// Command boltbench measures containerd's own container store (metadata.NewContainerStore over
// bbolt) on this machine, with the shapes of the Java WriteCostMain benchmark, so the Java
// store's write rates can be put next to it from the same run.
//
// Usage: boltbench [-db PATH] [-n N] [-nofreelistsync=true] [rounds] [ops] [threads]
//
//	rounds   rounds of every cell (3)
//	ops      ops per goroutine and cell (500)
//	threads  goroutine counts, comma-separated (1,8)
//
// A cell: every goroutine creates ops new containers, then updates ops random containers of
// the preloaded N (labels.x only), then deletes the ones it created; a rate is all goroutines'
// ops over the phase's wall time. The table gives each round's rate and the median.
//
// The store is opened as containerd's bolt metadata plugin opens it: bolt.Open(path, 0644)
// with bolt's default options (a sync of the file on every commit) and NoFreelistSync set as
// containerd 1.7 sets it, then metadata.NewDB with no content store and no snapshotters (the
// container store touches neither), Init, and metadata.NewContainerStore.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/containerd/containerd/containers"
	"github.com/containerd/containerd/metadata"
	"github.com/containerd/containerd/namespaces"
	"github.com/containerd/containerd/snapshots"
	"github.com/gogo/protobuf/types"
	bolt "go.etcd.io/bbolt"
)

const (
	namespace = "bench"
	specBytes = 1024
	// specType is the type URL of the Java fixture's spec (Fixtures.SPEC_TYPE).
	specType = "types.containerd.io/opencontainers/runtime-spec/1/Spec"
)

var ops3 = []string{"create", "update", "delete"}

// id is the Java fixture's id of container i: c%07d.
func id(i int) string {
	return fmt.Sprintf("c%07d", i)
}

// spec is a 1 KiB Any of printable pseudo-random bytes seeded by seed, so bolt's pages get no
// compression-like bonus from repeated bytes (bolt does not compress, but the Java fixture's
// bytes are of this kind and the sizes match).
func spec(seed int64) *types.Any {
	r := rand.New(rand.NewSource(seed))
	b := make([]byte, specBytes)
	for k := range b {
		b[k] = byte(' ' + r.Intn(95))
	}
	return &types.Any{TypeUrl: specType, Value: b}
}

// container is the Java fixture's container i under the given id: image, runc v2 runtime, 1 KiB
// spec, overlayfs snapshotter, snapshot key = id, labels grp=i%100, x=i, k<i%100>=v.
func container(cid string, i int) containers.Container {
	return containers.Container{
		ID:          cid,
		Image:       "docker.io/library/redis:7.2",
		Runtime:     containers.RuntimeInfo{Name: "io.containerd.runc.v2"},
		Spec:        spec(int64(i)),
		Snapshotter: "overlayfs",
		SnapshotKey: cid,
		Labels: map[string]string{
			"grp":                     strconv.Itoa(i % 100),
			"x":                       strconv.Itoa(i),
			"k" + strconv.Itoa(i%100): "v",
		},
	}
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "boltbench: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	dbPath := flag.String("db", "", "bolt file (default: meta.db in a new temporary folder, removed at exit)")
	n := flag.Int("n", 1000, "containers preloaded in the namespace")
	noFreelistSync := flag.Bool("nofreelistsync", true,
		"bolt's NoFreelistSync (containerd 1.7 sets it; 1.6 leaves bolt's default, false)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(),
			"usage: %s [flags] [rounds (3)] [ops per goroutine and cell (500)] [goroutine counts (1,8)]\n",
			os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	rounds, ops, threads := 3, 500, []int{1, 8}
	var err error
	if a := flag.Arg(0); a != "" {
		if rounds, err = strconv.Atoi(a); err != nil || rounds < 1 {
			return fmt.Errorf("rounds: %q", a)
		}
	}
	if a := flag.Arg(1); a != "" {
		if ops, err = strconv.Atoi(a); err != nil || ops < 1 {
			return fmt.Errorf("ops: %q", a)
		}
	}
	if a := flag.Arg(2); a != "" {
		threads = nil
		for _, s := range strings.Split(a, ",") {
			t, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || t < 1 {
				return fmt.Errorf("goroutine counts: %q", a)
			}
			threads = append(threads, t)
		}
	}

	path := *dbPath
	if path == "" {
		dir, err := os.MkdirTemp("", "boltbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "meta.db")
	}

	// As containerd's bolt plugin: bolt's defaults (NoSync false: fdatasync on every commit),
	// NoFreelistSync as in 1.7, mode 0644.
	options := *bolt.DefaultOptions
	options.NoFreelistSync = *noFreelistSync
	db, err := bolt.Open(path, 0644, &options)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	ctx := namespaces.WithNamespace(context.Background(), namespace)
	mdb := metadata.NewDB(db, nil, map[string]snapshots.Snapshotter{})
	if err := mdb.Init(ctx); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	store := metadata.NewContainerStore(mdb)

	fmt.Printf("# bolt (containerd metadata container store), N=%d, %d rounds, %d ops per goroutine and cell, "+
		"NoFreelistSync=%v, %s, GOMAXPROCS=%d, load %s\n",
		*n, rounds, ops, *noFreelistSync, runtime.Version(), runtime.GOMAXPROCS(0), loadAverage())
	t0 := time.Now()
	if err := preload(ctx, store, *n, 8); err != nil {
		return fmt.Errorf("preload: %w", err)
	}
	fmt.Printf("# fixture N=%d loaded through the store (8 goroutines) in %.1f s\n", *n, time.Since(t0).Seconds())

	rates := map[string][]float64{}
	cpu := map[string][]float64{}
	cellNo := 0
	for round := 0; round < rounds; round++ {
		for _, t := range threads {
			cellNo++
			r, c, err := cell(ctx, store, *n, cellNo, t, ops)
			if err != nil {
				return fmt.Errorf("round %d, %d goroutines: %w", round+1, t, err)
			}
			for k, op := range ops3 {
				key := fmt.Sprintf("%s t=%d", op, t)
				rates[key] = append(rates[key], r[k])
				cpu[key] = append(cpu[key], c[k])
			}
		}
	}
	fmt.Printf("# load at end %s\n", loadAverage())
	table("per second, all goroutines", threads, rates, "%.0f")
	table("CPU µs per op, whole process (user + system)", threads, cpu, "%.1f")
	return nil
}

// preload creates containers 0..n-1 through the store with the given number of goroutines.
func preload(ctx context.Context, store containers.Store, n, goroutines int) error {
	var next int64 = -1
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				next++
				i := int(next)
				mu.Unlock()
				if i >= n {
					return
				}
				if _, err := store.Create(ctx, container(id(i), i)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// cell runs create, update and delete with t goroutines doing ops each, and returns the rates
// (ops per second, all goroutines) and the process's CPU time per op in microseconds.
func cell(ctx context.Context, store containers.Store, n, cellNo, t, ops int) ([]float64, []float64, error) {
	rates := make([]float64, len(ops3))
	cpu := make([]float64, len(ops3))
	for k := range ops3 {
		var wg sync.WaitGroup
		errs := make(chan error, t)
		start := make(chan struct{})
		for g := 0; g < t; g++ {
			prefix := fmt.Sprintf("wc-%d-%d-%d-", os.Getpid(), cellNo, g)
			rnd := rand.New(rand.NewSource(int64(cellNo*1000 + g)))
			wg.Add(1)
			go func(op int) {
				defer wg.Done()
				<-start
				for j := 0; j < ops; j++ {
					var err error
					switch op {
					case 0:
						_, err = store.Create(ctx, container(prefix+strconv.Itoa(j), j))
					case 1:
						// Update(ctx, c, "labels.x"): containerd reads the record, sets the
						// one label and rewrites the record in one transaction.
						_, err = store.Update(ctx, containers.Container{
							ID:     id(rnd.Intn(n)),
							Labels: map[string]string{"x": prefix + strconv.Itoa(j)},
						}, "labels.x")
					default:
						err = store.Delete(ctx, prefix+strconv.Itoa(j))
					}
					if err != nil {
						errs <- fmt.Errorf("%s: %w", ops3[op], err)
						return
					}
				}
			}(k)
		}
		c0 := cpuTime()
		t0 := time.Now()
		close(start)
		wg.Wait()
		secs := time.Since(t0).Seconds()
		close(errs)
		if err := <-errs; err != nil {
			return nil, nil, err
		}
		rates[k] = float64(t*ops) / secs
		cpu[k] = (cpuTime() - c0).Seconds() * 1e6 / float64(t*ops)
	}
	return rates, cpu, nil
}

// table prints one markdown row per op and goroutine count: the median, then every round's value.
func table(title string, threads []int, values map[string][]float64, format string) {
	fmt.Printf("# %s\n", title)
	fmt.Println("| op | threads | bolt |")
	fmt.Println("| --- | --- | --- |")
	for _, t := range threads {
		for _, op := range ops3 {
			l := values[fmt.Sprintf("%s t=%d", op, t)]
			rounds := make([]string, len(l))
			for i, v := range l {
				rounds[i] = fmt.Sprintf("%.0f", v)
			}
			fmt.Printf("| %s | %d | "+format+" [%s] |\n", op, t, median(l), strings.Join(rounds, ", "))
		}
	}
}

// median is the upper median, as WriteCostMain's.
func median(l []float64) float64 {
	s := append([]float64(nil), l...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
