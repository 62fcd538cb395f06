// Package errors: error values.
package errors

func New(text string) error
func Is(err, target error) bool
func As(err error, target any) bool
func Unwrap(err error) error
func Join(errs ...error) error
func AsType[E error](err error) (E, bool)
