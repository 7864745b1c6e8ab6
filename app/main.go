// Package app wires Kino together: the command line, the studio window,
// the project store, the cameo library and the engines.
package app

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	_ "kino/app/locale" // before Fyne reads the locale: C.UTF-8 reads as English
)

// Main runs Kino with the process's arguments and exits with its status.
func Main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	stop()
	os.Exit(code)
}
