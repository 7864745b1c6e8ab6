// Package engine defines how Kino turns a shot into moving pictures with
// sound: the Backend contract, the Request every backend receives (with its
// defaults in one place: defaults.go), the Clip it returns and progress
// reporting. Backends live in sub-packages (engine/previz, engine/onnx) and
// plug in through Backend; the render queue that runs them is engine/jobs.
//
// Results are content-addressed by Hash (backend, model and normalised
// request); the result cache itself is the project's takes: engine/render
// reuses a finished take of the shot with the same hash whose media are
// intact (render.Take, unless Options.Force) instead of rendering again.
package engine
