package project

import (
	"errors"
	"fmt"
	"log"
)

// Error codes shared by every Kino service. They say what kind of failure
// happened, so callers (CLI exit codes, UI messages) can react without
// parsing text.
const (
	EINVALID  = "invalid"   // the input breaks a rule
	ENOTFOUND = "not_found" // the thing asked for does not exist
	ECONFLICT = "conflict"  // the change clashes with the current state
	ECONSENT  = "consent"   // a cameo's consent does not allow this use
	ECORRUPT  = "corrupt"   // stored data is damaged
	EINTERNAL = "internal"  // a bug or an unexpected failure
)

// Error is a domain error with a machine-readable code and a message meant
// for the person using Kino.
type Error struct {
	Code    string
	Message string
	Err     error // optional underlying cause
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns an *Error with the given code and message around err.
func WrapError(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message a person should read for err: the
// human message of the first *Error in its chain, or, for any other error
// (a database, file system or library failure), "internal error", with
// the full error written to the log, so raw SQLite or driver text never
// reaches the studio. Domain code wraps failures a person can act on as
// *Error with a message that says what to do.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	log.Printf("kino: internal error: %v", err)
	return "internal error (the details are in the log)"
}
