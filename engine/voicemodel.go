package engine

// VoiceModel identifies the neural voice model (a Piper voice) a cast
// cameo speaks with, as installed when the request was made: a take's
// request records it, so the take says which voice files spoke it and a
// changed voice makes the shot stale.
type VoiceModel struct {
	Model string `json:"model"` // "piper:NAME"
	// SHA256 and ConfigSHA256 are the hashes of the voice's files.
	SHA256       string `json:"sha256,omitempty"`
	ConfigSHA256 string `json:"config_sha256,omitempty"`
	Speaker      int    `json:"speaker"`
	// Scales are noise, length (after the cameo's speaking rate) and noise
	// width.
	Scales     [3]float32 `json:"scales"`
	SampleRate int        `json:"sample_rate,omitempty"`
	// Unavailable is set when the voice could not be used (not installed
	// or unusable): espeak-ng speaks the cameo's lines instead.
	Unavailable bool `json:"unavailable,omitempty"`
}
