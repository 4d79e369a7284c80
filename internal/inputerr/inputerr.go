// Package inputerr marks errors caused by what the user typed or chose, so
// the CLI can exit 2 and the window can show a dialog, while faults of the
// machine (disk full, corrupt file) stay apart.
package inputerr

import (
	"errors"
	"fmt"
)

type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// New returns an input error with a formatted message; %w wraps as usual.
func New(format string, args ...any) error {
	return inputError{fmt.Errorf(format, args...)}
}

// Wrap marks err as caused by input; nil stays nil.
func Wrap(err error) error {
	if err == nil || Is(err) {
		return err
	}
	return inputError{err}
}

// Is reports whether err, or an error it wraps, was caused by input.
func Is(err error) bool {
	var ie inputError
	return errors.As(err, &ie)
}
