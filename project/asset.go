package project

import "encoding/hex"

// Asset is a content-addressed blob in a project's or library's media folder.
type Asset struct {
	SHA256    string `json:"sha256"` // lower-case hex of the content's SHA-256
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
}

// IsZero reports whether a is the zero Asset.
func (a Asset) IsZero() bool { return a.SHA256 == "" }

// Validate reports whether a names a blob by a well-formed hash.
func (a Asset) Validate() error {
	if err := ValidateSHA256(a.SHA256); err != nil {
		return err
	}
	if a.MediaType == "" {
		return Errorf(EINVALID, "asset %s has no media type", short(a.SHA256))
	}
	if a.Size < 0 {
		return Errorf(EINVALID, "asset %s has a negative size", short(a.SHA256))
	}
	return nil
}

// ValidateSHA256 reports whether s is 64 lower-case hex digits.
func ValidateSHA256(s string) error {
	if len(s) != 64 {
		return Errorf(EINVALID, "asset hash %q is not 64 hex digits", s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return Errorf(EINVALID, "asset hash %q is not lower-case hex", s)
		}
	}
	if _, err := hex.DecodeString(s); err != nil {
		return Errorf(EINVALID, "asset hash %q is not hex", s)
	}
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
