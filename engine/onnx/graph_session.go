package onnx

import (
	"context"
	"fmt"
	"time"

	ort "github.com/yalue/onnxruntime_go"
)

// GraphSession is a session for one ONNX graph that a package outside
// engine/onnx drives itself (a Piper voice, say). It is created the way
// every Kino session is: on the process's one ONNX Runtime (Load), with
// Kino's session options (SessionConfig's threads, no spinning), and runs
// honour context cancellation. Run is safe for concurrent use.
type GraphSession struct {
	m *model
}

// OpenGraph loads ONNX Runtime if it is not loaded yet and creates a CPU
// session for the model in data, with the named inputs and outputs. role
// names the model in errors ("voice de_DE-thorsten-medium"). The caller
// reads data itself (through engine/files, with its size limit), so the
// bytes that run are the bytes it hashed.
func OpenGraph(cfg SessionConfig, role string, data []byte, inputs, outputs []string) (*GraphSession, error) {
	if _, err := Load(); err != nil {
		return nil, fmt.Errorf("loading the %s: %w", role, err)
	}
	var m *model
	_, err := GuardSignals(func() error {
		var err error
		m, err = createModelData(cfg, role, data, inputs, outputs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("loading the %s: %w", role, err)
	}
	return &GraphSession{m: m}, nil
}

// Run runs the graph once. Outputs left nil are allocated by ONNX Runtime
// (the caller destroys them). Cancelling ctx stops a run in progress at
// its next node and returns ctx.Err().
func (s *GraphSession) Run(ctx context.Context, inputs, outputs []ort.Value) error {
	if s == nil || s.m == nil || s.m.sess == nil {
		return errClosedGraph
	}
	rc, err := newRunCtx(ctx)
	if err != nil {
		return err
	}
	defer rc.close()
	return s.m.run(rc, inputs, outputs)
}

// Stats returns how many runs the session made and their total time
// inside ONNX Runtime.
func (s *GraphSession) Stats() (runs int64, inRun time.Duration) {
	return s.m.runs.Load(), time.Duration(s.m.runNanos.Load())
}

// Close releases the session. Runs must have finished.
func (s *GraphSession) Close() {
	if s != nil {
		s.m.close()
	}
}

var errClosedGraph = fmt.Errorf("the session is closed")
