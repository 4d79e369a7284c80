// Package assets holds the files bundled into the binary.
package assets

import _ "embed"

// Icon is the app icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte
