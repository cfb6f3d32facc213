package reader

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// decode turns data into UTF-8, recording the encoding and any warning in
// d. forced names a charset to use instead of detection. htmlCharset, if
// not nil, is asked for a charset declared inside the document when there
// is no BOM and data is not valid UTF-8.
func decode(data []byte, d *Document, forced string, htmlCharset func([]byte) string) (string, error) {
	if forced != "" {
		enc, err := lookupEncoding(forced)
		if err != nil {
			return "", err
		}
		d.Encoding = strings.ToLower(forced)
		if err := checkBinary(data, 1); err != nil && !isUTF16(enc) {
			return "", err
		}
		s, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("decode as %s: %w", forced, err)
		}
		return string(s), checkBinaryText(string(s))
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		d.Encoding = "utf-8-bom"
		data = data[3:]
		if err := checkBinary(data, 3); err != nil {
			return "", err
		}
		if !utf8.Valid(data) {
			d.Warnings = append(d.Warnings, "UTF-8 byte order mark but invalid UTF-8, bad bytes replaced by U+FFFD")
		}
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		enc := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		d.Encoding = "utf-16le"
		if data[0] == 0xfe {
			enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
			d.Encoding = "utf-16be"
		}
		s, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("decode as %s: %w", d.Encoding, err)
		}
		return string(s), checkBinaryText(string(s))
	}
	if err := checkBinary(data, 0); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		d.Encoding = "utf-8"
		return string(data), nil
	}
	if htmlCharset != nil {
		if name := htmlCharset(data); name != "" && name != "utf-8" {
			if enc, err := lookupEncoding(name); err == nil {
				if s, err := enc.NewDecoder().Bytes(data); err == nil {
					d.Encoding = name
					return string(s), nil
				}
			}
		}
	}
	d.Encoding = "windows-1252"
	d.Warnings = append(d.Warnings, "not valid UTF-8, read as Windows-1252")
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("decode as windows-1252: %w", err)
	}
	return string(s), nil
}

// lookupEncoding finds a charset by its WHATWG name, then its IANA name.
func lookupEncoding(name string) (encoding.Encoding, error) {
	if enc, err := htmlindex.Get(name); err == nil {
		return enc, nil
	}
	if enc, err := ianaindex.IANA.Encoding(name); err == nil && enc != nil {
		return enc, nil
	}
	return nil, fmt.Errorf("unknown encoding %q", name)
}

func isUTF16(enc encoding.Encoding) bool {
	name, _ := htmlindex.Name(enc)
	return strings.HasPrefix(name, "utf-16")
}

// isBinaryByte reports whether b is a control byte that text never holds.
func isBinaryByte(b byte) bool {
	return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f
}

// checkBinary returns an ErrBinary error naming the first control byte in
// data; base is added to offsets (the length of a skipped BOM).
func checkBinary(data []byte, base int) error {
	for i, b := range data {
		if isBinaryByte(b) {
			return binaryError(b, base+i)
		}
	}
	return nil
}

// checkBinaryText is checkBinary for decoded text; offsets are in bytes
// of the decoded UTF-8.
func checkBinaryText(s string) error {
	for i := 0; i < len(s); i++ {
		if isBinaryByte(s[i]) {
			return binaryError(s[i], i)
		}
	}
	return nil
}

func binaryError(b byte, off int) error {
	name := fmt.Sprintf("control byte 0x%02X", b)
	if b == 0 {
		name = "NUL byte"
	}
	return fmt.Errorf("%w (%s at offset %d)", ErrBinary, name, off)
}
