package app

import "context"

// runDefault is what plain `kino` does. The studio window is not built
// yet, so it prints the help.
func runDefault(ctx context.Context, e *env) int {
	printHelp(e.Out, commands())
	return exitOK
}
