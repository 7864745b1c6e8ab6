//go:build linux && (amd64 || arm64)

package onnx

import (
	"errors"
	"syscall"
	"testing"
	"unsafe"
)

// kernelSigaction is the kernel's struct sigaction on linux/amd64 and arm64.
type kernelSigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

const sigIgn = 1

// sigaction calls rt_sigaction directly, the way C code installs handlers
// behind the Go runtime's back.
func sigaction(t *testing.T, sig syscall.Signal, act *kernelSigaction) kernelSigaction {
	t.Helper()
	var old kernelSigaction
	_, _, errno := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig),
		uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(&old)), 8, 0, 0)
	if errno != 0 {
		t.Fatalf("rt_sigaction(%v): %v", sig, errno)
	}
	return old
}

func TestGuardSignalsRestoresReplacedHandler(t *testing.T) {
	before := sigaction(t, syscall.SIGUSR2, nil)
	if before.handler == 0 || before.handler == sigIgn {
		t.Fatalf("SIGUSR2 has no Go handler to begin with (handler %#x)", before.handler)
	}
	boom := errors.New("boom")
	restored, err := GuardSignals(func() error {
		sigaction(t, syscall.SIGUSR2, &kernelSigaction{handler: sigIgn})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want fn's error", err)
	}
	if restored != 1 {
		t.Errorf("restored = %d, want 1", restored)
	}
	if after := sigaction(t, syscall.SIGUSR2, nil); after.handler != before.handler || after.flags != before.flags {
		t.Fatalf("SIGUSR2 after guard = %#x flags %#x, want Go's %#x flags %#x",
			after.handler, after.flags, before.handler, before.flags)
	}

	restored, err = GuardSignals(func() error { return nil })
	if restored != 0 || err != nil {
		t.Errorf("guard around nothing = %d, %v; want 0, nil", restored, err)
	}
}

func TestGuardSignalsRestoresAfterPanic(t *testing.T) {
	before := sigaction(t, syscall.SIGUSR2, nil)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not propagate")
			}
		}()
		GuardSignals(func() error {
			sigaction(t, syscall.SIGUSR2, &kernelSigaction{handler: sigIgn})
			panic("in C-calling code")
		})
	}()
	if after := sigaction(t, syscall.SIGUSR2, nil); after.handler != before.handler {
		t.Fatalf("SIGUSR2 after a panicking guard = %#x, want Go's %#x", after.handler, before.handler)
	}
}
