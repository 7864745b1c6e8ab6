//go:build !unix

package files

// nonBlock is 0 where FIFOs cannot block an open.
const nonBlock = 0
