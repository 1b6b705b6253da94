//go:build ignore

// Copyright 2018 Tool Makers LLC // want `TOS202: copyright of "Tool Makers LLC"`

package main
