package project

import (
	"unicode"
	"unicode/utf8"
)

// Names of the engines Kino ships with.
const (
	// BackendPreviz is the built-in procedural engine; it has no models.
	BackendPreviz = "previz"
	// BackendONNX is the engine that runs installed model packs.
	BackendONNX = "onnx"
)

// Limits on engine names.
const (
	MaxBackendLength = 64
	MaxModelLength   = 200
)

// Engine is the engine new takes of a project's shots are generated with.
type Engine struct {
	// Backend is a backend name: "previz" is the built-in one, "onnx" the
	// model-pack engine.
	Backend string `json:"backend"`
	// Model is the model pack name; "" means the backend's default.
	Model string `json:"model,omitempty"`
}

// DefaultEngine is the engine of a new project: the built-in previz engine.
var DefaultEngine = Engine{Backend: BackendPreviz}

// String formats e as "previz" or "onnx:sd-turbo" (backend, then the model
// after a colon when one is chosen).
func (e Engine) String() string {
	if e.Model == "" {
		return e.Backend
	}
	return e.Backend + ":" + e.Model
}

// Validate reports whether e names an engine Kino can store: a backend
// name of lower-case letters, digits, "-" and "_", and a model name that is
// text without control characters. Whether the backend and model are
// installed is for the engine to say when it generates.
func (e Engine) Validate() error {
	if e.Backend == "" {
		return Errorf(EINVALID, "no engine is chosen; choose one such as %q or %q", BackendPreviz, BackendONNX)
	}
	if n := len(e.Backend); n > MaxBackendLength {
		return Errorf(EINVALID, "engine name has %d characters; the limit is %d", n, MaxBackendLength)
	}
	for _, r := range e.Backend {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return Errorf(EINVALID, "engine name %q may use only lower-case letters, digits, - and _", e.Backend)
		}
	}
	if !utf8.ValidString(e.Model) {
		return Errorf(EINVALID, "model pack name is not valid UTF-8 text")
	}
	if n := utf8.RuneCountInString(e.Model); n > MaxModelLength {
		return Errorf(EINVALID, "model pack name has %d characters; the limit is %d", n, MaxModelLength)
	}
	for _, r := range e.Model {
		if unicode.IsControl(r) {
			return Errorf(EINVALID, "model pack name %q contains a control character", e.Model)
		}
	}
	return nil
}
