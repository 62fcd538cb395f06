// Package utf8 (unicode/utf8): rune counting, decoding and validation.
package utf8

const (
	RuneError = '\uFFFD'
	RuneSelf  = 0x80
	MaxRune   = '\U0010FFFF'
	UTFMax    = 4
)

func RuneCountInString(s string) (n int)
func RuneCount(p []byte) int
func RuneLen(r rune) int
func ValidRune(r rune) bool
func DecodeRuneInString(s string) (r rune, size int)
func DecodeRune(p []byte) (r rune, size int)
func DecodeLastRuneInString(s string) (r rune, size int)
func ValidString(s string) bool
func Valid(p []byte) bool
func FullRuneInString(s string) bool
func AppendRune(p []byte, r rune) []byte
func EncodeRune(p []byte, r rune) int
