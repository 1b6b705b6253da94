//go:build windows

// Copyright 2016 Acme Widgets Ltd. // want `TOS202: copyright of "Acme Widgets Ltd."`

package recall
