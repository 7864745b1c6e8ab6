// Package assets holds the files Kino embeds: the application icon and the
// Flamenco job type that renders Kino shots on a farm.
package assets

import _ "embed"

// Icon is Kino's 256x256 application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// FlamencoJobType is the Flamenco job type script kino-shots.js (also at
// packaging/flamenco/kino-shots.js), for a Manager's scripts folder.
//
//go:embed flamenco/kino-shots.js
var FlamencoJobType []byte
