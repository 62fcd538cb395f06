// Package os: process arguments, environment, exit and standard streams.
package os

type File struct{ _ int }

func (f *File) Write(b []byte) (n int, err error)
func (f *File) WriteString(s string) (n int, err error)
func (f *File) Read(b []byte) (n int, err error)

var Args []string
var Stdout *File
var Stderr *File
var Stdin *File

func Exit(code int)
func Getenv(key string) string
func LookupEnv(key string) (string, bool)
func Setenv(key, value string) error
func Unsetenv(key string) error
func Environ() []string
