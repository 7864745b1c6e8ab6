// Package assets holds the files Kino embeds: the application icon.
package assets

import _ "embed"

// Icon is Kino's 256x256 application icon (PNG).
//
//go:embed icon.png
var Icon []byte
