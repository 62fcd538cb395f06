// Package bufio: Scanner and Reader for reading input, Writer for buffered output.
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

type Writer struct{ _ int }

func NewWriter(w io.Writer) *Writer
func NewWriterSize(w io.Writer, size int) *Writer

func (b *Writer) Write(p []byte) (nn int, err error)
func (b *Writer) WriteString(s string) (int, error)
func (b *Writer) WriteByte(c byte) error
func (b *Writer) WriteRune(r rune) (size int, err error)
func (b *Writer) Flush() error
func (b *Writer) Available() int
func (b *Writer) Buffered() int
func (b *Writer) Size() int
