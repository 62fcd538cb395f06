// Package bufio: Scanner and Reader for reading input (os.Stdin).
package bufio

import "io"

type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

type Scanner struct{ _ int }

func NewScanner(r io.Reader) *Scanner

func (s *Scanner) Scan() bool
func (s *Scanner) Text() string
func (s *Scanner) Bytes() []byte
func (s *Scanner) Err() error
func (s *Scanner) Split(split SplitFunc)
func (s *Scanner) Buffer(buf []byte, max int)

func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error)
func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error)
func ScanRunes(data []byte, atEOF bool) (advance int, token []byte, err error)
func ScanBytes(data []byte, atEOF bool) (advance int, token []byte, err error)

type Reader struct{ _ int }

func NewReader(rd io.Reader) *Reader

func (b *Reader) ReadString(delim byte) (string, error)

func (b *Reader) ReadRune() (r rune, size int, err error)
