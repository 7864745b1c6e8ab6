//go:build !unix

package app

// claimOutputFolder does nothing where folders cannot be flocked: debris
// of killed exports is left for the person to remove.
func claimOutputFolder(dir string) (release func(), removed []string) {
	return func() {}, nil
}
