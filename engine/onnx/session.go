package onnx

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	ort "github.com/yalue/onnxruntime_go"
)

// Policy chooses the execution provider models run on.
type Policy string

// Policies. PolicyAuto tries CUDA, then TensorRT (when SessionConfig.TensorRT
// is set), then DirectML on Windows and CoreML on macOS, and falls back to
// the CPU. A named provider is tried alone before the CPU fallback.
const (
	PolicyAuto     Policy = "auto"
	PolicyCPU      Policy = "cpu"
	PolicyCUDA     Policy = "cuda"
	PolicyTensorRT Policy = "tensorrt"
	PolicyDirectML Policy = "directml"
	PolicyCoreML   Policy = "coreml"
)

// ParsePolicy reads a policy name as people type it ("" is auto).
func ParsePolicy(s string) (Policy, error) {
	switch p := Policy(strings.ToLower(strings.TrimSpace(s))); p {
	case "":
		return PolicyAuto, nil
	case PolicyAuto, PolicyCPU, PolicyCUDA, PolicyTensorRT, PolicyDirectML, PolicyCoreML:
		return p, nil
	}
	return "", fmt.Errorf("unknown execution provider %q (want auto, cpu, cuda, tensorrt, directml or coreml)", s)
}

// SessionConfig is how model sessions are created.
type SessionConfig struct {
	Policy Policy
	// TensorRT lets PolicyAuto try TensorRT after CUDA.
	TensorRT bool
	// Threads is the number of intra-op threads on the CPU (0: ONNX
	// Runtime's default, one per core).
	Threads int
}

// providerName maps a policy to the Provider name the loader uses.
func providerName(p Policy) string {
	switch p {
	case PolicyCUDA:
		return "CUDA"
	case PolicyTensorRT:
		return "TensorRT"
	case PolicyDirectML:
		return "DirectML"
	case PolicyCoreML:
		return "CoreML"
	}
	return "CPU"
}

// candidates lists the accelerated providers to try, in order, on goos.
func (c SessionConfig) candidates(goos string) []string {
	switch c.Policy {
	case PolicyCPU:
		return nil
	case "", PolicyAuto:
		list := []string{"CUDA"}
		if c.TensorRT {
			list = append(list, "TensorRT")
		}
		switch goos {
		case "windows":
			list = append(list, "DirectML")
		case "darwin", "ios":
			list = []string{"CoreML"}
		}
		return list
	}
	return []string{providerName(c.Policy)}
}

// model is one ONNX model's session. Run is safe for concurrent use.
type model struct {
	role     string // "text encoder", "UNet", ...
	path     string
	provider string // the provider the session runs on
	inputs   []string
	outputs  []string
	sess     *ort.DynamicAdvancedSession
	firstRun sync.Once
	runs     atomic.Int64
	runNanos atomic.Int64
}

// openModel creates a session for the model at path following cfg. Every
// provider that could not be used adds a note saying why; the model then
// runs on the next one, and finally on the CPU.
func openModel(rt *Runtime, cfg SessionConfig, role, path string, inputs, outputs []string) (*model, []string, error) {
	var notes []string
	probes := map[string]providerProbe{}
	for _, p := range platformProbes(runtime.GOOS) {
		probes[p.name] = p
	}
	for _, name := range cfg.candidates(runtime.GOOS) {
		probe, ok := probes[name]
		switch {
		case !ok:
			notes = append(notes, fmt.Sprintf("%s is not available on %s", name, runtime.GOOS))
			continue
		case !rt.Available(name):
			notes = append(notes, fmt.Sprintf("%s unavailable: %s", name, findProviderErr(rt, name)))
			continue
		}
		m, err := createModel(cfg, role, path, inputs, outputs, name, probe.append)
		if err == nil {
			return m, notes, nil
		}
		notes = append(notes, fmt.Sprintf("%s failed to start the %s: %v", name, role, err))
	}
	m, err := createModel(cfg, role, path, inputs, outputs, "CPU", nil)
	if err != nil {
		return nil, notes, err
	}
	return m, notes, nil
}

func findProviderErr(rt *Runtime, name string) string {
	for _, p := range rt.Providers {
		if p.Name == name {
			return p.Err
		}
	}
	return "not probed"
}

// newSessionOptions returns the options every Kino session starts from:
// cfg's thread count, and worker threads that sleep rather than spin after
// a Run (spinning keeps the cores busy while Go prepares the next one).
// The caller destroys them.
func newSessionOptions(cfg SessionConfig) (*ort.SessionOptions, error) {
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("creating session options: %w", err)
	}
	if cfg.Threads > 0 {
		if err := opts.SetIntraOpNumThreads(cfg.Threads); err != nil {
			opts.Destroy()
			return nil, fmt.Errorf("setting %d threads: %w", cfg.Threads, err)
		}
	}
	if err := opts.AddSessionConfigEntry("session.intra_op.allow_spinning", "0"); err != nil {
		opts.Destroy()
		return nil, fmt.Errorf("configuring thread spinning: %w", err)
	}
	return opts, nil
}

// createModel creates the session with one provider appended (none: CPU).
func createModel(cfg SessionConfig, role, path string, inputs, outputs []string, provider string, appendEP func(*ort.SessionOptions) error) (*model, error) {
	opts, err := newSessionOptions(cfg)
	if err != nil {
		return nil, err
	}
	defer opts.Destroy()
	m := &model{role: role, path: path, provider: provider, inputs: inputs, outputs: outputs}
	_, err = GuardSignals(func() error {
		if appendEP != nil {
			if err := appendEP(opts); err != nil {
				return fmt.Errorf("appending the provider: %w", err)
			}
		}
		s, err := ort.NewDynamicAdvancedSession(path, inputs, outputs, opts)
		if err != nil {
			return err
		}
		m.sess = s
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", path, err)
	}
	return m, nil
}

// createModelData creates a CPU session for a model Kino built in memory.
func createModelData(cfg SessionConfig, role string, data []byte, inputs, outputs []string) (*model, error) {
	opts, err := newSessionOptions(cfg)
	if err != nil {
		return nil, err
	}
	defer opts.Destroy()
	s, err := ort.NewDynamicAdvancedSessionWithONNXData(data, inputs, outputs, opts)
	if err != nil {
		return nil, err
	}
	return &model{role: role, provider: "CPU", inputs: inputs, outputs: outputs, sess: s}, nil
}

// run runs the model once under rc, counting the time spent inside ONNX
// Runtime. A run that rc's context cancelled returns the context's error.
func (m *model) run(rc *runCtx, inputs, outputs []ort.Value) error {
	if err := rc.ctx.Err(); err != nil {
		return err
	}
	if rc.beforeRun != nil {
		rc.beforeRun(m.role)
	}
	start := time.Now()
	var err error
	ran := false
	if m.provider != "CPU" {
		// The first run on a GPU initialises CUDA, which installs signal
		// handlers; put Go's back.
		m.firstRun.Do(func() {
			ran = true
			_, err = GuardSignals(func() error { return m.sess.RunWithOptions(inputs, outputs, rc.opts) })
		})
	}
	if !ran {
		err = m.sess.RunWithOptions(inputs, outputs, rc.opts)
	}
	d := time.Since(start)
	m.runs.Add(1)
	m.runNanos.Add(int64(d))
	rc.inRun.Add(int64(d))
	rc.runs.Add(1)
	if rc.afterRun != nil {
		rc.afterRun(m.role, err)
	}
	if err != nil {
		if cerr := rc.ctx.Err(); cerr != nil {
			rc.terminated.Add(1)
			return cerr
		}
		return fmt.Errorf("running the %s: %w", m.role, err)
	}
	return nil
}

func (m *model) close() {
	if m != nil && m.sess != nil {
		_ = m.sess.Destroy() // always nil
		m.sess = nil
	}
}

// runCtx carries one generation's cancellation into ONNX Runtime: when ctx
// ends, a watcher sets the RunOptions' terminate flag, so a Run in progress
// stops at its next node instead of finishing the step.
type runCtx struct {
	ctx        context.Context
	opts       *ort.RunOptions
	stop       chan struct{}
	done       chan struct{}
	inRun      atomic.Int64 // nanoseconds inside Run
	runs       atomic.Int64
	terminated atomic.Int64 // runs that ended because ctx was cancelled
	beforeRun  func(role string)
	afterRun   func(role string, err error)
}

func newRunCtx(ctx context.Context) (*runCtx, error) {
	opts, err := ort.NewRunOptions()
	if err != nil {
		return nil, fmt.Errorf("creating run options: %w", err)
	}
	rc := &runCtx{ctx: ctx, opts: opts, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(rc.done)
		select {
		case <-ctx.Done():
			_ = opts.Terminate() // fails only on destroyed options
		case <-rc.stop:
		}
	}()
	return rc, nil
}

// close stops the watcher and frees the run options.
func (rc *runCtx) close() error {
	close(rc.stop)
	<-rc.done
	return rc.opts.Destroy()
}

var errClosed = errors.New("the ONNX backend is closed")
