//go:build !unix

package onnx

// GuardSignals runs fn. Only Unix systems have sigaction handlers for C code
// to replace, so there is nothing to restore here and it reports 0.
func GuardSignals(fn func() error) (restored int, err error) {
	return 0, fn()
}
