// Package onnx runs models on ONNX Runtime through github.com/yalue/onnxruntime_go.
//
// This part of the package finds and loads the ONNX Runtime shared library
// (version 1.24.x, which `make deps` fetches into .deps/) and reports what it
// can do:
//
//   - FindLibrary says where the library is, and every path it looked at.
//   - Load opens the library and creates the process's single ONNX Runtime
//     environment, then probes which execution providers can be appended.
//   - Doctor gathers both into a Report for `kino doctor`.
//
// Nothing here runs at package initialization, and nothing panics when the
// library is missing: Load and Doctor return errors and hints instead, so the
// rest of Kino (the built-in previz engine) works without ONNX Runtime.
//
// # Signal handlers
//
// Go programs that call C must not let C code install signal handlers without
// the SA_ONSTACK flag (see the os/signal docs, "Go programs that use cgo or
// SWIG"). The CUDA libraries that ONNX Runtime's CUDA and TensorRT providers
// pull in do exactly that when they initialize, and a later Ctrl+C then kills
// the process with "non-Go code set up signal handler without SA_ONSTACK
// flag". Re-registering with os/signal.Notify does not help, because the Go
// runtime believes its handler is still installed. GuardSignals therefore
// records every signal's disposition (sigaction) before a call into ONNX
// Runtime and puts back any that the call changed. Load and the provider probe
// run inside it; code that creates CUDA sessions or runs them for the first
// time should too. This gives Go's handlers precedence over CUDA's, which
// only loses CUDA's crash-reporting hooks.
package onnx
