// Package render turns a shot into a stored take: it resolves the shot into
// an engine request (checking every cast cameo's consent), looks the result
// up in the cache, runs the backend, and writes the frames (MJPEG), the
// sound (WAV) and a thumbnail into the project's media before recording the
// take.
package render
