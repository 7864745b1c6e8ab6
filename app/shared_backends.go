package app

import (
	"sync"

	"kino/engine"
	"kino/engine/onnx"
	"kino/project"
)

// sharedBackends are the engines every studio window of this process
// generates with: one set, so that two windows on model-pack projects
// load a pack (gigabytes) once. The last window to close releases them.
var sharedBackends struct {
	mu    sync.Mutex
	all   map[string]engine.Backend
	users int
}

// acquireBackends returns the shared engines, creating them for the first
// window. Each call is paired with releaseBackends.
func acquireBackends() map[string]engine.Backend {
	sharedBackends.mu.Lock()
	defer sharedBackends.mu.Unlock()
	if sharedBackends.all == nil {
		sharedBackends.all = backends()
	}
	sharedBackends.users++
	return sharedBackends.all
}

// releaseBackends gives back a window's use of the shared engines; the
// last one closes the model-pack engine, returning its sessions' memory.
func releaseBackends() {
	sharedBackends.mu.Lock()
	defer sharedBackends.mu.Unlock()
	if sharedBackends.users == 0 {
		return
	}
	sharedBackends.users--
	if sharedBackends.users > 0 {
		return
	}
	if nn, ok := sharedBackends.all[project.BackendONNX].(*onnx.Backend); ok {
		nn.Close()
	}
	sharedBackends.all = nil
}
