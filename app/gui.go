package app

import "context"

// runDefault is what plain `kino` does: open the studio window on the most
// recent project, or on the demo project on first run.
func runDefault(ctx context.Context, e *env) int {
	return runStudio(ctx, e, "")
}
