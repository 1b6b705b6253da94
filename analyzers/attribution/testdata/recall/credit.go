package recall

// Based on work by Richard Poe, released under the MIT License. // want `TOS202: copyright of "Richard Poe"`
func Credit() {}
