// Package engine defines how Kino turns a shot into moving pictures with
// sound: the Backend contract, the Request every backend receives (with its
// defaults in one place), the Clip it returns, progress reporting, the job
// queue and the result cache. Backends live in sub-packages (engine/previz,
// engine/onnx) and plug in through Backend.
package engine
