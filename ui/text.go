package ui

import "strconv"

// itoa formats n for the studio's messages.
func itoa(n int) string { return strconv.Itoa(n) }
