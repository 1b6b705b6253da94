package recall

// Squeeze packs bits.
//
// Based on work Copyright (c) 2013, Jane Roe, released under BSD License. // want `TOS202: copyright of "Jane Roe"`
func Squeeze() {}
