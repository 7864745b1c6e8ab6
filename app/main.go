// Package app wires Kino together: the command line, the studio window,
// the project store, the cameo library and the engines.
package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "kino/app/locale" // before Fyne reads the locale: C.UTF-8 reads as English
)

// interruptGrace is how long Kino waits, after Ctrl+C or SIGTERM, for the
// command to stop by itself (cancelled work, temporary files removed)
// before it exits anyway. A second Ctrl+C exits at once. Every
// acknowledged edit is on disk already, so exiting never loses one.
const interruptGrace = 30 * time.Second

// Main runs Kino with the process's arguments and exits with its status.
func Main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel()
		select {
		case <-sigs:
		case <-time.After(interruptGrace):
		}
		fmt.Fprintln(os.Stderr, "kino: interrupted")
		os.Exit(130)
	}()
	code := Run(ctx, os.Args[1:], Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	if ctx.Err() != nil && code == exitError {
		code = 130 // stopped by Ctrl+C or SIGTERM
	}
	os.Exit(code)
}
