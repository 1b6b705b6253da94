package recall

// Pack is based on the C code from https://code.example.org/packlib // want `TOS204: code taken from https://code.example.org/packlib`
func Pack() {}

// This equation is taken from https://en.wikipedia.org/wiki/Hash_function
func mix(p uint64) uint64 { return (p * 2654435761) >> 7 }

// The value below is taken from https://www.rfc-editor.org/rfc/rfc1952
const magic = 0x8b1f
